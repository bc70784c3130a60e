// Launch at login on Linux: Electron's setLoginItemSettings covers only Windows and macOS, so
// the launch-at-login setting writes (or removes) an XDG autostart entry instead, which GNOME,
// KDE, Xfce and the other freedesktop sessions start at login. No Electron here: tested in Node.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const AUTOSTART_FILE_NAME = 'cec-held-calls.desktop';

/** $XDG_CONFIG_HOME/autostart, or ~/.config/autostart (the freedesktop autostart spec). */
export function autostartDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const configHome = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(configHome, 'autostart');
}

/**
 * What to start: the AppImage file itself when running from one (process.execPath is then a
 * temporary mount that is gone after logout), else the installed executable.
 */
export function launchTarget(env: NodeJS.ProcessEnv, execPath: string): string {
  return env.APPIMAGE && env.APPIMAGE.startsWith('/') ? env.APPIMAGE : execPath;
}

/** One argument of an Exec= line, quoted by the desktop entry spec's rules. */
export function quoteExecArg(arg: string): string {
  if (/^[A-Za-z0-9_\-./=:+,@]+$/.test(arg)) return arg;
  // Inside double quotes, ", `, $ and \ are escaped with a backslash; then the key-value
  // escaping doubles every backslash again.
  const quoted = `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
  return quoted.replace(/\\/g, '\\\\');
}

export function autostartEntry(target: string): string {
  if (/[\n\r]/.test(target)) throw new Error('The executable path contains a line break');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Held Calls',
    'Comment=Keep held calls in view and resume them from a hotkey',
    `Exec=${quoteExecArg(target)}`,
    'Icon=cec-held-calls',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export type AutostartChange = 'written' | 'removed' | 'unchanged';

/** Make the autostart entry match the setting; rewrites an entry that points elsewhere. */
export function syncLinuxAutostart(enabled: boolean, options: { dir: string; target: string }): AutostartChange {
  const file = join(options.dir, AUTOSTART_FILE_NAME);
  if (!enabled) {
    if (!existsSync(file)) return 'unchanged';
    rmSync(file, { force: true });
    return 'removed';
  }
  const entry = autostartEntry(options.target);
  if (existsSync(file) && readFileSync(file, 'utf8') === entry) return 'unchanged';
  mkdirSync(options.dir, { recursive: true });
  writeFileSync(file, entry, { mode: 0o644 });
  return 'written';
}
