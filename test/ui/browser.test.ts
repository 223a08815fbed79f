import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TuneKit } from '../../src/index.ts';
import { pointsOfRows } from '../../src/ui/api/metrics.ts';
import { startUi } from '../../src/ui/start.ts';
import { launchChromium } from '../support/chromium.ts';
import { TEST_API_KEY } from '../support/fake-client.ts';
import { rawRequest, screenshotStats, startUiOnFake, type UiFixture } from '../support/ui.ts';

let browser: Awaited<ReturnType<typeof launchChromium>>;
let ui: UiFixture;
/** Every request any page made during this file, to check none left the machine. */
const requests: Request[] = [];
const closers: Array<() => Promise<unknown>> = [];
/** Pages of the running test, closed after it (each holds a connection to its server). */
let pages: Array<{ page: Page; errors: string[]; url: string }> = [];

beforeAll(async () => {
  browser = await launchChromium();
  browser.context.on('request', (request) => requests.push(request));
  ui = await startUiOnFake();
}, 60_000);

afterEach(async () => {
  const opened = pages;
  pages = [];
  for (const { page } of opened) await page.close();
  for (const { errors, url } of opened) expect(errors, `script errors on ${url}`).toEqual([]);
});

afterAll(async () => {
  for (const close of closers) await close();
  await ui?.close();
  await browser?.close();
});

async function open(url: string): Promise<Page> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  pages.push({ page, errors, url });
  await page.goto(url);
  return page;
}

/**
 * A screenshot that is not blank: varied brightness and more than a background colour (a
 * blank page scores 0 on both; the emptiest page here, one report listed, about 13 and 0.06).
 */
async function expectNotBlank(page: Page, name: string) {
  const stats = await screenshotStats(page, name);
  expect(stats.width, name).toBeGreaterThan(800);
  expect(stats.stdDev, name).toBeGreaterThan(8);
  expect(stats.inkShare, name).toBeGreaterThan(0.02);
  return stats;
}

describe('the jobs page', () => {
  it('lists every job with its status, live', async () => {
    const page = await open(ui.url);
    const rows = page.locator('#jobs-table tbody tr');
    await expect.poll(() => rows.count()).toBe(4);
    for (const [suffix, status] of [
      ['done', 'succeeded'],
      ['tiny', 'failed'],
      ['live', 'running'],
      ['next', 'validating files'],
    ]) {
      const row = page.locator('#jobs-table tbody tr', { hasText: suffix });
      await expect.poll(() => row.locator('.badge').first().textContent()).toBe(status);
    }
    await expect.poll(() => page.locator('.live').textContent()).toBe('live · 4 jobs');
    // The succeeded job's cost comes from its trained tokens, in dollars.
    const done = page.locator('#jobs-table tbody tr', { hasText: 'done' });
    await expect
      .poll(async () => (await done.locator('[data-usd]').textContent()) ?? '')
      .toMatch(/^\$\d/);
    await expectNotBlank(page, 'jobs');
  });

  it('filters by status and finds by suffix', async () => {
    const page = await open(ui.url);
    await expect.poll(() => page.locator('#jobs-table tbody tr').count()).toBe(4);
    await page.selectOption('#filter-status', 'failed');
    await expect.poll(() => page.locator('#jobs-table tbody tr').count()).toBe(1);
    await page.selectOption('#filter-status', '');
    await page.fill('#filter-text', 'liv');
    await expect
      .poll(() => page.locator('#jobs-table tbody tr').allTextContents())
      .toEqual([expect.stringContaining('live')]);
    await page.fill('#filter-text', '');
  });

  it('shows a new job and a changed status without a reload', async () => {
    const page = await open(ui.url);
    await expect.poll(() => page.locator('#jobs-table tbody tr').count()).toBe(4);
    let navigations = 0;
    page.on('framenavigated', () => {
      navigations += 1;
    });
    ui.fake.runJob(ui.jobs.validating, { until: 'queued' });
    const next = page
      .locator('#jobs-table tbody tr', { hasText: 'next' })
      .locator('.badge')
      .first();
    await expect.poll(() => next.textContent(), { timeout: 10_000 }).toBe('queued');
    expect(navigations).toBe(0);
  });

  it('says so when there are no jobs, and when there is no key or no provider', async () => {
    const empty = await startUiOnFake({ seed: false });
    closers.push(() => empty.close());
    const page = await open(empty.url);
    await expect
      .poll(() => page.locator('.panel.empty').textContent())
      .toContain('No fine-tuning jobs yet');

    let problem: unknown;
    try {
      new TuneKit({ apiKey: '' });
    } catch (error) {
      problem = error;
    }
    const noKey = await startUi({ client: { problem }, reportsDir: null });
    closers.push(() => noKey.close());
    const noKeyPage = await open(noKey.url);
    await expect
      .poll(() => noKeyPage.locator('.panel.error').textContent())
      .toContain('No API key');
    expect(await noKeyPage.locator('.panel.error').textContent()).toContain('tunekit ui --fake');
    await expectNotBlank(noKeyPage, 'no-key');

    const offline = new TuneKit({
      apiKey: TEST_API_KEY,
      baseURL: 'http://127.0.0.1:9/v1',
      maxRetries: 0,
      timeout: 2000,
      logLevel: 'off',
    });
    const unreachable = await startUi({ client: offline, reportsDir: null });
    closers.push(async () => {
      await unreachable.close();
      await offline.close();
    });
    const offlinePage = await open(unreachable.url);
    await expect
      .poll(() => offlinePage.locator('.panel.error').textContent(), { timeout: 10_000 })
      .toContain('The provider is unreachable');
  });
});

describe('a job’s page', () => {
  it('draws the curves to scale from the result file once the job is done', async () => {
    const page = await open(`${ui.url}#/jobs/${ui.jobs.succeeded}`);
    await expect
      .poll(() => page.locator('.charts + p, #curves-h ~ p').first().textContent(), {
        timeout: 10_000,
      })
      .toContain('result file');
    const expected = pointsOfRows(await ui.client.jobs.metrics(ui.jobs.succeeded));
    expect(expected.length).toBe(36);
    const chart = page.locator('svg[data-chart="loss"]');
    const geometry = await chart.evaluate((svg) => {
      const [left, top, width, height] = (svg.getAttribute('data-plot') ?? '')
        .split(' ')
        .map(Number);
      const read = (name: string) => Number(svg.getAttribute(name));
      const path = (id: string) =>
        [
          ...(svg.querySelector(`path[data-series="${id}"]`)?.getAttribute('d') ?? '').matchAll(
            /[ML]([\d.]+) ([\d.]+)/g,
          ),
        ].map((m) => [Number(m[1]), Number(m[2])]);
      const box = svg.getBoundingClientRect();
      return {
        plot: { left, top, width, height },
        x: [read('data-x-min'), read('data-x-max')],
        y: [read('data-y-min'), read('data-y-max')],
        train: path('train'),
        valid: path('valid'),
        dashed: svg.querySelector('path[data-series="valid"]')?.getAttribute('stroke-dasharray'),
        box: { width: box.width, height: box.height },
        viewBox: svg.getAttribute('viewBox'),
      };
    });
    const { plot } = geometry;
    const [x0, x1] = geometry.x as [number, number];
    const [y0, y1] = geometry.y as [number, number];
    const losses = expected.map((p) => p.trainLoss as number);
    expect(x0).toBe(1);
    expect(x1).toBe(36);
    expect(y0).toBeLessThanOrEqual(Math.min(...losses));
    expect(y1).toBeGreaterThanOrEqual(Math.max(...losses));
    expect(geometry.train).toHaveLength(36);
    for (const [i, point] of expected.entries()) {
      const [px, py] = geometry.train[i] as [number, number];
      expect(px).toBeCloseTo(
        (plot.left ?? 0) + ((point.step - x0) / (x1 - x0)) * (plot.width ?? 0),
        1,
      );
      expect(py).toBeCloseTo(
        (plot.top ?? 0) + (1 - ((point.trainLoss as number) - y0) / (y1 - y0)) * (plot.height ?? 0),
        1,
      );
    }
    // Validation is drawn too, dashed, from its own values.
    const validated = expected.filter((p) => p.validLoss !== null);
    expect(geometry.valid).toHaveLength(validated.length);
    expect(geometry.dashed).toBeTruthy();
    const last = validated.at(-1);
    expect(geometry.valid.at(-1)?.[1]).toBeCloseTo(
      (plot.top ?? 0) + (1 - ((last?.validLoss as number) - y0) / (y1 - y0)) * (plot.height ?? 0),
      1,
    );
    // On screen the chart keeps the viewBox's proportions: scaled, not stretched.
    const [, , vw, vh] = (geometry.viewBox ?? '').split(' ').map(Number);
    expect(geometry.box.width / geometry.box.height).toBeCloseTo((vw ?? 1) / (vh ?? 1), 1);
    expect(await page.locator('svg[data-chart="accuracy"] path[data-series="train"]').count()).toBe(
      1,
    );
    await expect.poll(() => page.locator('#checkpoints-table tbody tr').count()).toBe(3);
    expect(await page.locator('#files-table a', { hasText: 'Download' }).count()).toBe(3);
    await expectNotBlank(page, 'job-succeeded');
  });

  it('shows a new event within 2 s, without a reload, and grows the curves as steps arrive', async () => {
    const page = await open(`${ui.url}#/jobs/${ui.jobs.running}`);
    const list = page.locator('#events li');
    await expect.poll(() => list.count(), { timeout: 10_000 }).toBeGreaterThan(5);
    const before = await list.first().textContent();
    expect(before).toContain('Step 10/36');
    const points = () =>
      page.locator('svg[data-chart="loss"] path[data-series="train"]').getAttribute('data-points');
    expect(await points()).toBe('10');
    let navigations = 0;
    page.on('framenavigated', () => {
      navigations += 1;
    });
    const started = Date.now();
    ui.fake.advance(1000);
    await page.locator('#events li', { hasText: 'Step 11/36' }).waitFor({ timeout: 2000 });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(2000);
    expect(navigations).toBe(0);
    await expect.poll(points).toBe('11');
    expect(await page.locator('#step-progress').getAttribute('value')).toBe('11');
    await expectNotBlank(page, 'job-running');
  });

  it('cancels only after confirmation', async () => {
    const page = await open(`${ui.url}#/jobs/${ui.jobs.running}`);
    const cancel = page.locator('#action-cancel');
    await expect.poll(() => cancel.isEnabled()).toBe(true);
    await cancel.click();
    const dialog = page.locator('dialog.confirm');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Cancel this fine-tuning job?');
    await dialog.locator('[data-answer="keep"]').click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect((await ui.client.jobs.retrieve(ui.jobs.running)).status).toBe('running');
    expect(ui.fake.calls.some((call) => call.route === 'jobs.cancel')).toBe(false);

    await cancel.click();
    await page.locator('dialog.confirm [data-answer="confirm"]').click();
    await expect
      .poll(() => page.locator('.page-head .badge').textContent(), { timeout: 5000 })
      .toBe('cancelled');
    expect((await ui.client.jobs.retrieve(ui.jobs.running)).status).toBe('cancelled');
    await expect.poll(() => cancel.isDisabled()).toBe(true);
  });

  it('shows a failed job’s error with its code and what to do', async () => {
    const page = await open(`${ui.url}#/jobs/${ui.jobs.failed}`);
    const failure = page.locator('#failure');
    await failure.waitFor();
    const text = await failure.textContent();
    expect(text).toContain('invalid_n_examples');
    expect(text).toContain('training_file');
    expect(text).toContain('at least 10 examples');
    await expectNotBlank(page, 'job-failed');
  });

  it('shows pause and resume as unavailable where the provider lacks them', async () => {
    const gateway = await startUiOnFake({
      client: {
        provider: 'compatible',
        baseURL: 'https://api.openai.com/v1',
        unsupported: ['jobs.pause', 'jobs.resume'],
      },
    });
    closers.push(() => gateway.close());
    const page = await open(`${gateway.url}#/jobs/${gateway.jobs.running}`);
    await expect.poll(() => page.locator('#action-cancel').isEnabled()).toBe(true);
    expect(await page.locator('#action-pause').isDisabled()).toBe(true);
    expect(await page.locator('#action-resume').isDisabled()).toBe(true);
    expect(await page.locator('#action-note').textContent()).toMatch(
      /Pause: .* does not offer this\. Resume: .* does not offer this\./,
    );
    // Where the provider has them, pause is open to a running job.
    const openai = await open(`${ui.url}#/jobs/${ui.jobs.validating}`);
    await expect.poll(() => openai.locator('#action-pause').isEnabled()).toBe(true);
    expect(await openai.locator('#action-note').textContent()).toBe('');
  });

  it('works by keyboard: a job opened with Enter, a dialog dismissed with Escape', async () => {
    const page = await open(ui.url);
    await page.locator('#jobs-table tbody tr').first().waitFor();
    const link = page.locator('#jobs-table a.job-link', { hasText: 'next' });
    for (let i = 0; i < 40 && !(await link.evaluate((a) => a === document.activeElement)); i += 1) {
      await page.keyboard.press('Tab');
    }
    expect(await link.evaluate((a) => a === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toContain(`#/jobs/${ui.jobs.validating}`);
    const cancel = page.locator('#action-cancel');
    await expect.poll(() => cancel.isEnabled()).toBe(true);
    await cancel.focus();
    await page.keyboard.press('Enter');
    await page.locator('dialog.confirm').waitFor();
    expect(
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.answer),
    ).toBe('keep');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('dialog.confirm').count()).toBe(0);
    expect((await ui.client.jobs.retrieve(ui.jobs.validating)).status).not.toBe('cancelled');
  });
});

describe('compare, try, reports', () => {
  it('overlays the curves of the jobs picked', async () => {
    const page = await open(`${ui.url}#/compare?jobs=${ui.jobs.succeeded},${ui.jobs.running}`);
    const lines = page.locator('svg[data-chart="compare-loss"] path[data-series$=":trainLoss"]');
    await expect.poll(() => lines.count(), { timeout: 10_000 }).toBe(2);
    const colors = await lines.evaluateAll((paths) => paths.map((p) => p.getAttribute('stroke')));
    expect(new Set(colors).size).toBe(2);
    await expect.poll(() => page.locator('#compare-table tbody tr').count()).toBe(2);
    await expectNotBlank(page, 'compare');
  });

  it('asks the fine-tuned model and its base the same question, with tokens and cost', async () => {
    const page = await open(`${ui.url}#/try`);
    await expect
      .poll(() => page.locator('#try-tuned').inputValue())
      .toMatch(/^ft:gpt-4o-mini-2024-07-18:/);
    expect(await page.locator('#try-base').inputValue()).toBe('gpt-4o-mini-2024-07-18');
    await page.fill('#try-question', 'What is the capital of Peru?');
    await page.click('#try-send');
    for (const pane of ['#answer-tuned', '#answer-base']) {
      await expect
        .poll(() => page.locator(`${pane} .stats`).textContent(), { timeout: 10_000 })
        .toMatch(/tokens in · \d+ out · \$/);
      expect((await page.locator(`${pane} .answer`).textContent())?.length).toBeGreaterThan(3);
    }
    expect(await page.locator('#answer-tuned .answer').textContent()).toContain('Lima');
    await expectNotBlank(page, 'try');
  });

  it('lists the evaluation reports of the folder and opens one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tunekit-ui-reports-'));
    writeFileSync(
      join(dir, 'eval.html'),
      '<!doctype html><html><head><meta charset="utf-8"><title>Evaluation of 2 models on 10 examples — tunekit</title></head><body><h1>Evaluation</h1><script>document.title = "ran"</script></body></html>',
    );
    const withReports = await startUiOnFake({ seed: false, start: { reportsDir: dir } });
    closers.push(() => withReports.close());
    const page = await open(`${withReports.url}#/reports`);
    const link = page.locator('#reports-table a');
    await expect.poll(() => link.textContent()).toBe('Evaluation of 2 models on 10 examples');
    await expectNotBlank(page, 'reports');
    const [report] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await report.waitForLoadState();
    // Opened, and sandboxed: its own script did not run.
    expect(await report.title()).toBe('Evaluation of 2 models on 10 examples — tunekit');
    await report.close();
  });

  it('is legible in dark mode too', async () => {
    const page = await open(ui.url);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.locator('#jobs-table tbody tr').first().waitFor();
    const background = await page.evaluate(
      () => getComputedStyle(document.documentElement).backgroundColor,
    );
    expect(background).toBe('rgb(13, 17, 23)');
    const stats = await expectNotBlank(page, 'jobs-dark');
    expect(stats.meanBrightness).toBeLessThan(80);
  });
});

/**
 * The page budget: what the jobs page loads, with 50 jobs. Served from this machine without
 * compression, so bytes on the wire are the files' sizes.
 */
const BUDGET = {
  /** HTML, CSS, scripts and icon. */
  assetsBytes: 100 * 1024,
  /** Everything the jobs page loads: the assets, the session and the list of 50 jobs. */
  totalBytes: 200 * 1024,
  /** Files fetched for the first view (one module each: no bundler). */
  requests: 20,
};

describe('the page budget', () => {
  it(`stays within ${BUDGET.assetsBytes / 1024} KB of assets and ${BUDGET.totalBytes / 1024} KB in all with 50 jobs`, async () => {
    const many = await startUiOnFake();
    closers.push(() => many.close());
    for (let i = 0; i < 46; i += 1) {
      const job = await many.client.jobs.create(
        {
          model: 'gpt-4o-mini-2024-07-18',
          training_file: (await many.client.jobs.retrieve(many.jobs.succeeded)).training_file,
          suffix: `run-${i}`,
        },
        { lifecycleWarning: false },
      );
      many.fake.runJob(job.id);
    }
    const page = await open(many.url);
    await expect
      .poll(() => page.locator('#jobs-table tbody tr').count(), { timeout: 10_000 })
      .toBe(50);
    const loaded = await page.evaluate(() => {
      const entries = [
        ...performance.getEntriesByType('navigation'),
        ...performance.getEntriesByType('resource'),
      ] as PerformanceResourceTiming[];
      return entries.map((entry) => ({ name: entry.name, bytes: entry.encodedBodySize }));
    });
    const assets = loaded.filter((entry) => !entry.name.includes('/api/'));
    const assetBytes = assets.reduce((sum, entry) => sum + entry.bytes, 0);
    const session = loaded.find((entry) => entry.name.endsWith('/api/session'))?.bytes ?? 0;
    // The list arrives on the event stream (still open): the same JSON as GET api/jobs.
    const list = (await (await fetch(`${many.url}api/jobs`)).text()).length;
    const total = assetBytes + session + list;
    console.log(
      `page weight with 50 jobs: assets ${assetBytes} B in ${assets.length} files, session ${session} B, job list ${list} B, total ${total} B`,
    );
    expect(assets.every((entry) => entry.bytes > 0)).toBe(true);
    expect(assetBytes).toBeLessThanOrEqual(BUDGET.assetsBytes);
    expect(total).toBeLessThanOrEqual(BUDGET.totalBytes);
    expect(loaded.length).toBeLessThanOrEqual(BUDGET.requests);
  });
});

describe('safety in the browser', () => {
  it('refuses the page without the token', async () => {
    const origin = new URL(ui.url).origin;
    const page = await browser.context.newPage();
    pages.push({ page, errors: [], url: origin });
    const response = await page.goto(`${origin}/`);
    expect(response?.status()).toBe(403);
    expect(await page.textContent('body')).toContain('needs the token');
  });

  it('another local site cannot act on a job, even knowing the address', async () => {
    const attacker: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>elsewhere</title><p>hello</p>');
    });
    attacker.listen(0, '127.0.0.1');
    await new Promise((resolve) => attacker.once('listening', resolve));
    closers.push(() => new Promise((resolve) => attacker.close(resolve)));
    const target = `${ui.url}api/jobs/${ui.jobs.validating}/cancel`;
    const page = await open(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
    const outcomes = await page.evaluate(async (url) => {
      const tries = [
        () =>
          fetch(url, {
            method: 'POST',
            mode: 'no-cors',
            body: '{}',
            headers: { 'content-type': 'text/plain' },
          }),
        () =>
          fetch(url, {
            method: 'POST',
            body: '{}',
            headers: { 'content-type': 'application/json' },
          }),
        () => fetch(url.replace(/cancel$/, ''), {}),
      ];
      const results: string[] = [];
      for (const attempt of tries) {
        try {
          const response = await attempt();
          results.push(`status ${response.status} ${response.type}`);
        } catch (error) {
          results.push(`blocked ${(error as Error).name}`);
        }
      }
      return results;
    }, target);
    // An opaque answer (no-cors) or a blocked request: never a readable 200.
    expect(outcomes.every((o) => o.startsWith('blocked') || o.includes('opaque'))).toBe(true);
    expect(
      ui.fake.calls.some(
        (call) => call.route === 'jobs.cancel' && call.path.includes(ui.jobs.validating),
      ),
    ).toBe(false);
    expect((await ui.client.jobs.retrieve(ui.jobs.validating)).status).not.toBe('cancelled');
    // And without a browser: the same POST with a foreign Origin is a 403.
    const raw = await rawRequest(target, {
      method: 'POST',
      headers: {
        origin: `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(raw.status).toBe(403);
  });

  it('never shows the key, even when the API echoes it', async () => {
    const fault = ui.fake.inject({
      route: 'jobs.retrieve',
      status: 500,
      message: `Internal error for key ${TEST_API_KEY}`,
      times: Number.POSITIVE_INFINITY,
    });
    const page = await browser.context.newPage();
    pages.push({ page, errors: [], url: 'key test' });
    const bodies: string[] = [];
    page.on('response', async (response) => {
      const type = response.headers()['content-type'] ?? '';
      if (!type.includes('event-stream')) bodies.push(await response.text().catch(() => ''));
    });
    await page.goto(`${ui.url}#/jobs/${ui.jobs.succeeded}`);
    await page.locator('.panel.error').first().waitFor({ timeout: 10_000 });
    expect(fault.hits).toBeGreaterThan(0);
    expect(await page.content()).not.toContain(TEST_API_KEY);
    expect(bodies.join('\n')).not.toContain(TEST_API_KEY);
    expect(bodies.join('\n')).toContain('Internal error for key');
    fault.remove();
  });

  it('made no request beyond 127.0.0.1', () => {
    const foreign = requests
      .map((r) => new URL(r.url()))
      .filter((url) => url.hostname !== '127.0.0.1');
    expect(requests.length).toBeGreaterThan(50);
    expect(foreign.map((url) => url.href)).toEqual([]);
  });
});
