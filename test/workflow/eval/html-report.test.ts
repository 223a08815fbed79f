import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EvalReport, renderEvalHtml, runEval, scorers } from '../../../src/index.ts';
import { createFakeOpenAI } from '../../../src/testing/index.ts';
import { niceTicks } from '../../../src/workflow/eval/report/svg.ts';
import { launchChromium } from '../../support/chromium.ts';
import { evalClient, HELD_OUT, heldOutJsonl, scriptRightFor, tempDir } from '../../support/eval.ts';
import { TEST_API_KEY } from '../../support/fake-client.ts';

let report: EvalReport;
let dir: string;

beforeAll(async () => {
  const fake = createFakeOpenAI();
  fake.scriptAnswers('gpt-4o-mini', scriptRightFor(HELD_OUT.slice(0, 9).map(([c]) => c)));
  fake.scriptAnswers('gpt-4.1-mini', scriptRightFor(HELD_OUT.slice(0, 4).map(([c]) => c)));
  // …but answers Peru with markup (so 3 of 10 right): it must reach the page as text.
  fake.scriptAnswers('gpt-4.1-mini', {
    'What is the capital of Peru?': '<script>document.title="owned"</script><b>Lima</b>',
  });
  fake.scriptAnswers('gpt-4.1', () => JSON.stringify({ reason: 'fine', pass: true }));
  // Some latency, so the distribution has a spread to draw.
  fake.inject({ route: 'chat.completions.create', delayMs: 15, times: 8 });
  dir = tempDir();
  const examples = join(dir, 'held-out.jsonl');
  writeFileSync(examples, heldOutJsonl());
  report = await runEval(evalClient(fake), {
    examples,
    candidates: [
      { model: 'gpt-4o-mini' },
      { model: 'gpt-4.1-mini', prompt: { name: 'long prompt', system: 'Be exact.' } },
    ],
    scorers: [
      scorers.exactMatch(),
      scorers.modelGraded({ model: 'gpt-4.1', rubric: 'Right capital?' }),
    ],
  });
});

describe('the HTML report as text', () => {
  it('is self-contained: a CSP that forbids loading anything, no scripts, no links, no URLs fetched', () => {
    const html = renderEvalHtml(report);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
    expect(html).not.toMatch(/<script|<link|\ssrc=|@import|url\(/i);
    expect(html.match(/<svg [^>]*data-chart="(score|cost|latency)"/g)).toHaveLength(3);
  });

  it('escapes what models answered', () => {
    const html = renderEvalHtml(report);
    expect(html).toContain(
      '&lt;script&gt;document.title=&quot;owned&quot;&lt;/script&gt;&lt;b&gt;Lima&lt;/b&gt;',
    );
  });

  it('marks the model-graded scorer as such, and never holds the key', () => {
    const html = renderEvalHtml(report);
    expect(html).toContain("model-graded by gpt-4.1: another model's opinion, not a check");
    expect(html).not.toContain(TEST_API_KEY);
  });

  it('warns when the run is incomplete', () => {
    const incomplete: EvalReport = {
      ...report,
      run: {
        ...report.run,
        complete: false,
        pending: 4,
        stopReason: 'the request budget of 16 is used up',
      },
    };
    expect(renderEvalHtml(incomplete)).toContain(
      'Incomplete: 4 of 20 requests were not sent (the request budget of 16 is used up).',
    );
  });
});

describe('charts of edge cases', () => {
  it('picks round axis ticks', () => {
    expect(niceTicks(87)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(18.52)).toEqual([0, 5, 10, 15, 20]);
    expect(niceTicks(0.9)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });

  it('renders a run where every request failed: no bars, and says why', async () => {
    const fake = createFakeOpenAI();
    fake.inject({ route: 'chat.completions.create', status: 500, times: Number.POSITIVE_INFINITY });
    const examples = join(dir, 'held-out.jsonl');
    const failed = await runEval(evalClient(fake, 0), {
      examples,
      candidates: [{ model: 'my-deployment' }],
    });
    expect(failed.candidates[0]).toMatchObject({
      answered: 0,
      errors: 10,
      latencyMs: null,
      costPerRequestUsd: null,
    });
    const html = renderEvalHtml(failed);
    expect(html.match(/<svg [^>]*data-chart=/g)).toHaveLength(3);
    expect(html).not.toMatch(/rect data-candidate/);
    expect(html).toContain('no answers scored');
    expect(html).toContain('price unknown');
    expect(html).toContain('<span class="fail">10 failed</span>');
  });
});

describe('the HTML report in headless Chromium', () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => browser?.close());

  it('renders its charts offline: SVGs of non-zero size, bars drawn, a screenshot that is not blank', async () => {
    const file = join(dir, 'report.html');
    writeFileSync(file, renderEvalHtml(report));
    const page = await browser.context.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(pathToFileURL(file).href);
    // Nothing but the file itself was loaded, and no script ran.
    expect(requested).toEqual([pathToFileURL(file).href]);
    expect(await page.title()).toBe('Evaluation of 2 models on 10 examples — tunekit');

    for (const kind of ['score', 'cost', 'latency']) {
      const box = await page.locator(`svg[data-chart="${kind}"]`).boundingBox();
      expect(box?.width, kind).toBeGreaterThan(600);
      expect(box?.height, kind).toBeGreaterThan(50);
      // One mark per model, with a visible size.
      const marks = page.locator(`svg[data-chart="${kind}"] rect[data-candidate]`);
      expect(await marks.count(), kind).toBe(2);
      for (const mark of await marks.all()) {
        const size = await mark.boundingBox();
        expect(size?.width, kind).toBeGreaterThan(0);
        expect(size?.height, kind).toBeGreaterThan(0);
      }
    }
    // The score bars are drawn to scale: 90 % is 3 times as long as 30 %.
    const bars = await page.locator('svg[data-chart="score"] rect[data-candidate]').all();
    const widths = await Promise.all(
      bars.map(async (bar) => (await bar.boundingBox())?.width ?? 0),
    );
    expect((widths[0] ?? 0) / (widths[1] ?? 1)).toBeCloseTo(0.9 / 0.3, 1);

    const chart = await page.locator('svg[data-chart="score"]').screenshot();
    const shot = await page.screenshot({ fullPage: true, path: join(dir, 'report.png') });
    expect(shot.length).toBeGreaterThan(10_000);
    // Count the chart's pixels in a blank page: how many are not white, and the bar colours.
    const analysis = await browser.context.newPage();
    const pixels = await analysis.evaluate(async (png) => {
      const image = new Image();
      image.src = `data:image/png;base64,${png}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d') as CanvasRenderingContext2D;
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, 0, image.width, image.height).data;
      let ink = 0;
      let blue = 0;
      let orange = 0;
      const near = (i: number, r: number, g: number, b: number) =>
        Math.abs((data[i] ?? 0) - r) < 12 &&
        Math.abs((data[i + 1] ?? 0) - g) < 12 &&
        Math.abs((data[i + 2] ?? 0) - b) < 12;
      for (let i = 0; i < data.length; i += 4) {
        if ((data[i] ?? 255) < 240 || (data[i + 1] ?? 255) < 240 || (data[i + 2] ?? 255) < 240)
          ink++;
        if (near(i, 0x4c, 0x78, 0xa8)) blue++;
        if (near(i, 0xf5, 0x85, 0x18)) orange++;
      }
      return { total: data.length / 4, ink, blue, orange };
    }, chart.toString('base64'));
    expect(pixels.ink / pixels.total).toBeGreaterThan(0.05);
    expect(pixels.blue).toBeGreaterThan(500);
    expect(pixels.orange).toBeGreaterThan(200);
    expect(pixels.blue).toBeGreaterThan(pixels.orange);
  }, 60_000);
});
