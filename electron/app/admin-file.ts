// The machine-wide admin file: IT pre-sets (and may lock) the gateway fields for every user of a
// workstation. A broken file must never stop the app: it is reported and ignored as a whole, so a
// half-read file cannot lock a user onto a wrong gateway.
import { readFileSync } from 'node:fs';
import { posix, win32 } from 'node:path';
import { msg, type Message } from '../../shared/i18n';
import { ADMIN_LOCKABLE, type Settings, type SettingsKey } from '../../shared/settings';
import { AppError } from './ipc-envelope';
import { normaliseText } from './settings-validate';

export interface AdminSettings {
  path: string;
  /** Values to use (as defaults, or forced when locked). */
  settings: Partial<Settings>;
  lock: SettingsKey[];
  /** Why the file was ignored; undefined when it is absent or fine. */
  problem?: Message;
}

export function adminFilePath(platform: string = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (env.CEC_ADMIN_FILE) return env.CEC_ADMIN_FILE;
  if (platform === 'win32') return win32.join(env.ProgramData ?? 'C:\\ProgramData', 'CecHeldCalls', 'admin.json');
  if (platform === 'darwin') return '/Library/Application Support/CecHeldCalls/admin.json';
  return posix.join('/etc', 'cec-held-calls', 'admin.json');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseAdminFile(path: string, text: string): AdminSettings {
  const ignored = (why: Message): AdminSettings => ({ path, settings: {}, lock: [], problem: msg('settings.admin-ignored', { file: path, why }) });
  const allowed = ADMIN_LOCKABLE.join(', ');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return ignored(msg('settings.admin-not-json'));
  }
  if (!isObject(data)) return ignored(msg('settings.admin-not-object'));
  const unknownTop = Object.keys(data).filter((k) => k !== 'settings' && k !== 'lock');
  if (unknownTop.length > 0) return ignored(msg('settings.admin-unknown-entry', { key: unknownTop[0]!.slice(0, 40) }));

  const settings: Partial<Settings> = {};
  const rawSettings = data.settings ?? {};
  if (!isObject(rawSettings)) return ignored(msg('settings.admin-settings-object'));
  for (const [key, value] of Object.entries(rawSettings)) {
    if (!(ADMIN_LOCKABLE as readonly string[]).includes(key)) {
      return ignored(msg('settings.admin-not-lockable', { key: key.slice(0, 40), allowed }));
    }
    if (typeof value !== 'string') return ignored(msg('settings.admin-not-text', { key }));
    try {
      Object.assign(settings, { [key]: normaliseText(key as SettingsKey, value) });
    } catch (error) {
      if (error instanceof AppError) return ignored(error.agentMessage);
      throw error;
    }
  }

  const rawLock = data.lock ?? [];
  if (!Array.isArray(rawLock)) return ignored(msg('settings.admin-lock-list'));
  const lock: SettingsKey[] = [];
  for (const key of rawLock) {
    if (typeof key !== 'string' || !(ADMIN_LOCKABLE as readonly string[]).includes(key)) {
      return ignored(msg('settings.admin-not-lockable', { key: String(key).slice(0, 40), allowed }));
    }
    if (!lock.includes(key as SettingsKey)) lock.push(key as SettingsKey);
  }
  return { path, settings, lock };
}

/** Reads the admin file; absent is normal (most installs have none). */
export function readAdminFile(path: string = adminFilePath(), read: (path: string) => string = (p) => readFileSync(p, 'utf8')): AdminSettings {
  let text: string;
  try {
    text = read(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { path, settings: {}, lock: [] };
    return { path, settings: {}, lock: [], problem: msg('settings.admin-unreadable', { file: path, code: code ?? '?' }) };
  }
  return parseAdminFile(path, text);
}
