// Opens the preview in the user's browser without putting its key on a command line: on Linux any
// local user can read every process's arguments (/proc/*/cmdline), and the key is what keeps the
// preview to its owner. So the browser is pointed at a small file, readable by this user only,
// that forwards to the keyed address.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Launcher {
  /** The file the browser is given; its name says nothing about the key. */
  readonly file: string;
  remove(): void;
}

/** Writes the forwarding page into a fresh private directory (0700) as a private file (0600). */
export function writeLauncher(url: string): Launcher {
  if (!/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+$/.test(url)) throw new Error('not a preview address');
  const dir = mkdtempSync(join(tmpdir(), 'cec-preview-open-'));
  const file = join(dir, 'open-preview.html');
  writeFileSync(file, `<!doctype html><meta http-equiv="refresh" content="0;url=${url}"><title>Held Calls</title>\n`, { mode: 0o600 });
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The platform's "open this with the default program" command. */
export function openCommand(platform: NodeJS.Platform, file: string): [command: string, args: string[]] {
  if (platform === 'darwin') return ['open', [file]];
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', file]];
  return ['xdg-open', [file]];
}

/**
 * Best effort: only for a person at an interactive terminal with a desktop, and never an error
 * (the address is printed anyway). CEC_PREVIEW_NO_OPEN=1 turns it off.
 */
export function openInBrowser(url: string): Launcher | undefined {
  if (process.env.CEC_PREVIEW_NO_OPEN === '1' || !process.stdout.isTTY || process.env.CI) return undefined;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return undefined;
  const launcher = writeLauncher(url);
  const [command, args] = openCommand(process.platform, launcher.file);
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener on this machine: the printed address is enough.
  }
  return launcher;
}
