// One cold start, run by bench/client.ts in a fresh process: import the package, create a
// client, retrieve one job from the local server at argv[3]; print the time from the start of
// the process (Node's own start-up included) to that first answer, and the CPU time the process
// used until then (steadier than wall time on a busy machine). Plain JavaScript with no other
// imports, so that nothing but the package under test is loaded or compiled.
//
//   node bench/cold-start.mjs tunekit|openai <baseURL>
const [contender, baseURL] = process.argv.slice(2);
const apiKey = 'sk-bench-0123456789abcdef';
if (contender === 'tunekit') {
  const { TuneKit } = await import('../dist/index.js');
  await new TuneKit({ apiKey, baseURL }).jobs.retrieve('ftjob-bench');
} else {
  const { default: OpenAI } = await import('openai');
  await new OpenAI({ apiKey, baseURL }).fineTuning.jobs.retrieve('ftjob-bench');
}
const ms = performance.now();
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000 }));
