import { spawn } from 'node:child_process';

/**
 * The command that opens a URL in the default browser on this platform.
 *
 * @example
 * openCommand('http://127.0.0.1:4123/t/', 'darwin'); // { command: 'open', args: ['http://…'] }
 */
export function openCommand(
  url: string,
  platform: NodeJS.Platform = process.platform,
): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start` is a shell built-in; its first quoted argument is a window title.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  return { command: 'xdg-open', args: [url] };
}

/**
 * Opens a URL in the default browser, without waiting for it. Resolves false when no browser
 * could be started (then the user opens the printed URL by hand).
 *
 * A few lines rather than the `open` package (11.0.4: 12 packages installed) for one call
 * that only `tunekit ui` makes; its extras (WSL, containers, picking a browser) matter little
 * here, because the URL is printed first and works when pasted by hand.
 *
 * @example
 * if (!(await openBrowser(server.url))) console.error('Open the URL above in a browser.');
 */
export function openBrowser(url: string): Promise<boolean> {
  const { command, args } = openCommand(url);
  return new Promise((resolve) => {
    try {
      const child = spawn(command, args, { stdio: 'ignore', detached: true });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
