const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const c0 = cpu();
const which = process.argv[2];
let call;
if (which === 'tunekit') {
  const { TuneKit } = await import('/work/wt/core/dist/index.js');
  const c = new TuneKit({ apiKey: 'sk-bench-0123456789', baseURL: 'http://127.0.0.1:4599/v1' });
  call = () => c.jobs.retrieve('ftjob-bench');
} else if (which === 'openai') {
  const { default: OpenAI } = await import('openai');
  const c = new OpenAI({ apiKey: 'sk-bench-0123456789', baseURL: 'http://127.0.0.1:4599/v1' });
  call = () => c.fineTuning.jobs.retrieve('ftjob-bench');
} else if (which === 'headers') {
  call = async () => new Headers();
} else if (which === 'http') {
  call = async () => {
    const http = await import('node:http');
    await new Promise((r) =>
      http.get('http://127.0.0.1:4599/v1/fine_tuning/jobs/x', (res) => {
        res.resume();
        res.on('end', r);
      }),
    );
  };
} else if (which === 'fetchonly') {
  call = async () => (await fetch('http://127.0.0.1:4599/v1/fine_tuning/jobs/x')).text();
}
const c1 = cpu();
await call();
const c2 = cpu();
console.log(
  which,
  'boot',
  c0.toFixed(0),
  'import',
  (c1 - c0).toFixed(0),
  'first call',
  (c2 - c1).toFixed(0),
  'total cpu',
  c2.toFixed(0),
);
