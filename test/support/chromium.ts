import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type LaunchOptions } from 'playwright-core';

/**
 * Which browser the tests drive, decided once per process:
 *
 * 1. `TUNEKIT_CHROMIUM=/path/to/chrome` when set (any Chrome or Chromium);
 * 2. on Linux, a system Chromium or Chrome at one of {@link SYSTEM_BROWSERS};
 * 3. on Linux x64, the Chromium inside the `@sparticuz/chromium` devDependency, unpacked once
 *    into the temporary directory (nothing to install by hand, no download at run time);
 * 4. on macOS and Windows, the installed Google Chrome (Playwright's `chrome` channel).
 *
 * docs/testing.md says the same for contributors.
 */
export const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** Flags for a quiet, offline, sandbox-free headless run as root in CI. */
const OFFLINE_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Flags of `@sparticuz/chromium`'s recommended list that tests must not run with: they switch off
 * the browser's own security checks (same-origin policy, mixed content), which a test of a page's
 * Content-Security-Policy and escaping relies on.
 */
const UNSAFE_ARGS = new Set(['--disable-web-security', '--allow-running-insecure-content']);

/** How to start one browser: what Playwright's launch needs beyond the shared options. */
export interface BrowserChoice {
  /** Where the browser came from, for messages: `TUNEKIT_CHROMIUM`, `system`, `npm`, `chrome`. */
  source: 'TUNEKIT_CHROMIUM' | 'system' | 'npm' | 'chrome';
  launch: Pick<LaunchOptions, 'executablePath' | 'channel' | 'args' | 'env'>;
}

let chosen: Promise<BrowserChoice> | undefined;

/** The browser {@link launchChromium} starts (see the order above); memoised per process. */
export function chooseBrowser(): Promise<BrowserChoice> {
  chosen ??= choose();
  return chosen;
}

async function choose(): Promise<BrowserChoice> {
  const override = process.env.TUNEKIT_CHROMIUM;
  if (override) {
    if (!existsSync(override)) throw new Error(`TUNEKIT_CHROMIUM=${override}: no such file`);
    return { source: 'TUNEKIT_CHROMIUM', launch: { executablePath: override, args: OFFLINE_ARGS } };
  }
  if (process.platform === 'linux') {
    const system = SYSTEM_BROWSERS.find((path) => existsSync(path));
    if (system) return { source: 'system', launch: { executablePath: system, args: OFFLINE_ARGS } };
    if (process.arch === 'x64') return npmChromium();
    throw new Error(
      `No Chromium for ${process.platform}-${process.arch}: @sparticuz/chromium ships Linux x64 only. ` +
        `Install Chromium (e.g. apt-get install chromium) or set TUNEKIT_CHROMIUM to a browser.`,
    );
  }
  // macOS and Windows: the installed Google Chrome, found by Playwright where Chrome installs.
  return { source: 'chrome', launch: { channel: 'chrome', args: OFFLINE_ARGS } };
}

/**
 * The Chromium of the `@sparticuz/chromium` package: its brotli archives are unpacked into a
 * directory of this version's own under the temporary directory, once per machine. Unpacking
 * happens in a child process whose TMPDIR is a fresh staging directory (the package unpacks into
 * `os.tmpdir()`), then the staging directory is renamed into place: the rename is atomic, so a
 * process killed half-way never leaves a truncated browser behind, and two test runs unpacking at
 * once (parallel workers, other checkouts) both end with one complete copy.
 */
async function npmChromium(): Promise<BrowserChoice> {
  const { default: Chromium } = await import('@sparticuz/chromium');
  const entry = fileURLToPath(import.meta.resolve('@sparticuz/chromium'));
  const version = packageVersion(entry);
  const home = join(tmpdir(), `tunekit-chromium-${version}-${process.arch}`);
  if (!existsSync(join(home, 'chromium'))) unpack(entry, home);
  const args = Chromium.args.filter((flag) => !UNSAFE_ARGS.has(flag));
  return {
    source: 'npm',
    launch: {
      executablePath: join(home, 'chromium'),
      args: [...args, ...OFFLINE_ARGS.filter((flag) => flag !== '--headless')],
      env: {
        ...process.env,
        // The package's own NSS libraries (built with this binary), so the host needs none, and
        // its fonts, so text measures the same on every machine.
        LD_LIBRARY_PATH: [join(home, 'al2023', 'lib'), process.env.LD_LIBRARY_PATH]
          .filter(Boolean)
          .join(delimiter),
        FONTCONFIG_PATH: join(home, 'fonts'),
      },
    },
  };
}

function fontsConf(home: string): string {
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    `  <dir>${join(home, 'fonts', 'fonts')}</dir>`,
    `  <cachedir>${join(home, 'fonts-cache')}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
}

function packageVersion(entry: string): string {
  // The package's `exports` hide package.json from import: read it beside the build directory.
  const manifest = join(dirname(entry), '..', 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

function unpack(entry: string, home: string): void {
  const staging = mkdtempSync(`${home}.staging-`);
  const bin = join(dirname(entry), '..', 'bin');
  const script = [
    `import Chromium, { inflate } from ${JSON.stringify(pathToFileURL(entry).href)};`,
    'await Chromium.executablePath();',
    // The NSS libraries the binary links against, for hosts that lack them.
    `await inflate(${JSON.stringify(join(bin, 'al2023.tar.br'))});`,
  ].join('\n');
  try {
    execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, TMPDIR: staging },
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 120_000,
    });
    if (!existsSync(join(staging, 'chromium'))) {
      throw new Error(`@sparticuz/chromium left no chromium binary in ${staging}`);
    }
    // The package's fonts.conf names /tmp/fonts (where Lambda unpacks them): point it at this
    // copy's fonts instead, by the path they will have once renamed into place.
    writeFileSync(join(staging, 'fonts', 'fonts.conf'), fontsConf(home));
    mkdirSync(dirname(home), { recursive: true });
    try {
      renameSync(staging, home);
    } catch (error) {
      // Another process renamed its copy first: use that one.
      if (!existsSync(join(home, 'chromium'))) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Starts headless Chromium with a fresh profile directory; `close()` ends it and removes the
 * profile. Which browser: see {@link chooseBrowser}. Fails with what to install when none is found.
 */
export async function launchChromium(): Promise<{
  context: BrowserContext;
  close(): Promise<void>;
}> {
  const { launch } = await chooseBrowser();
  const profile = mkdtempSync(join(tmpdir(), 'tunekit-chromium-profile-'));
  try {
    // The profile is passed as launchPersistentContext's userDataDir: Playwright refuses a
    // --user-data-dir flag and sets it from this instead.
    const context = await chromium.launchPersistentContext(profile, {
      ...launch,
      headless: true,
      viewport: { width: 1200, height: 900 },
    });
    return {
      context,
      async close() {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
