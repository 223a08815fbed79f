/**
 * Benchmark of `tunekit ui` in headless Chromium, against a baseline measured in the same run:
 *
 * - time to first paint (first-contentful-paint) of the jobs page with 50 jobs on the fake,
 *   and the time until all 50 rows are drawn, against the first paint of a one-line HTML page
 *   served by a bare node:http server on the same machine (what the browser itself costs);
 * - the page's weight: bytes of HTML, CSS and scripts, of the session and of the job list;
 * - the SVG chart (src/ui/page/chart.js) drawing 2 series of 500, 5,000 and 50,000 steps,
 *   until the frame that shows it is painted.
 *
 * Medians of several runs; figures and ratios, never pass/fail. Timings vary with the machine's
 * load: say how busy it was when quoting them.
 *
 *   npm run bench:ui
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeAccount } from '../src/ui/fake/seed.ts';
import { startUi } from '../src/ui/start.ts';
import { launchChromium } from '../test/support/chromium.ts';

const RUNS = Number(process.env.RUNS ?? 7);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const ms = (value: number) => `${value.toFixed(0)} ms`;

const { client, fake } = await fakeAccount({ extraJobs: 44 });
const ui = await startUi({ client, fake: true, now: () => fake.now().getTime(), reportsDir: null });
const baseline = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end('<!doctype html><title>baseline</title><p>A line of text.</p>');
});
baseline.listen(0, '127.0.0.1');
await new Promise((resolve) => baseline.once('listening', resolve));
const baselineUrl = `http://127.0.0.1:${(baseline.address() as AddressInfo).port}/`;
const browser = await launchChromium();

async function firstPaint(url: string, rows?: number) {
  const page = await browser.context.newPage();
  await page.goto(url);
  if (rows !== undefined) {
    await page.waitForFunction(
      (count) => document.querySelectorAll('#jobs-table tbody tr').length === count,
      rows,
      { polling: 'raf' },
    );
  }
  const measured = await page.evaluate(async () => {
    const done = performance.now();
    // The paint entry is reported after the frame that painted: wait for it (buffered).
    const paint = await new Promise<PerformanceEntry | undefined>((resolve) => {
      new PerformanceObserver((list) => {
        resolve(list.getEntriesByName('first-contentful-paint')[0]);
      }).observe({ type: 'paint', buffered: true });
      setTimeout(() => resolve(undefined), 5000);
    });
    const entries = [
      ...performance.getEntriesByType('navigation'),
      ...performance.getEntriesByType('resource'),
    ] as PerformanceResourceTiming[];
    return {
      fcp: paint?.startTime ?? Number.NaN,
      done,
      files: entries.map((entry) => ({ name: entry.name, bytes: entry.encodedBodySize })),
    };
  });
  await page.close();
  return measured;
}

const dashboard: Array<Awaited<ReturnType<typeof firstPaint>>> = [];
const plain: number[] = [];
for (let run = 0; run < RUNS; run += 1) {
  // Alternating which goes first, so neither always meets a browser just woken up.
  if (run % 2 === 0) plain.push((await firstPaint(baselineUrl)).fcp);
  dashboard.push(await firstPaint(ui.url, 50));
  if (run % 2 === 1) plain.push((await firstPaint(baselineUrl)).fcp);
}
const fcp = median(dashboard.map((m) => m.fcp));
const rows = median(dashboard.map((m) => m.done));
const base = median(plain);
const files = dashboard[0]?.files ?? [];
const assets = files.filter((file) => !file.name.includes('/api/'));
const assetBytes = assets.reduce((sum, file) => sum + file.bytes, 0);
const session = files.find((file) => file.name.endsWith('/api/session'))?.bytes ?? 0;
const list = (await (await fetch(`${ui.url}api/jobs`)).text()).length;

console.log(
  `tunekit ui, jobs page with 50 jobs on the fake (medians of ${RUNS}, headless Chromium):`,
);
console.log(
  `  first contentful paint   ${ms(fcp)}   (baseline page ${ms(base)}: ${(fcp / base).toFixed(2)}×)`,
);
console.log(
  `  all 50 rows drawn        ${ms(rows)}   (${(rows / base).toFixed(2)}× the baseline's first paint)`,
);
console.log(
  `  page weight              ${(assetBytes / 1024).toFixed(1)} KB assets in ${assets.length} files + ${session} B session + ${(list / 1024).toFixed(1)} KB job list = ${((assetBytes + session + list) / 1024).toFixed(1)} KB (uncompressed, as served)`,
);

// The chart alone: build and lay out 2 series of n points, on the dashboard's own page.
const page = await browser.context.newPage();
await page.goto(ui.url);
await page.locator('#jobs-table tbody tr').first().waitFor();
for (const n of [500, 5000, 50_000]) {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    times.push(
      await page.evaluate(async (count) => {
        // The page's own module, as the page loads it (a variable: not a module of this file).
        const chartModule = './assets/chart.js';
        const { lineChart } = await import(chartModule);
        const a: Array<[number, number]> = [];
        const b: Array<[number, number]> = [];
        for (let i = 1; i <= count; i += 1) {
          a.push([i, 2 * Math.exp((-4 * i) / count) + ((i * 7919) % 100) / 1000]);
          b.push([i, 2.2 * Math.exp((-4 * i) / count) + ((i * 104729) % 100) / 1000]);
        }
        const started = performance.now();
        const chart = lineChart({
          kind: 'bench',
          title: 'Loss',
          xLabel: 'step',
          yLabel: 'loss',
          series: [
            { id: 'train', name: 'training', color: '#4c78a8', points: a },
            { id: 'valid', name: 'validation', color: '#f58518', dashed: true, points: b },
          ],
        });
        document.body.append(chart);
        // Until the frame with the chart in it has been painted.
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        const elapsed = performance.now() - started;
        chart.remove();
        return elapsed;
      }, n),
    );
  }
  console.log(`  chart, 2 × ${n.toLocaleString('en-US')} steps   ${median(times).toFixed(1)} ms`);
}
await page.close();
await browser.close();
await ui.close();
await client.close();
baseline.close();
