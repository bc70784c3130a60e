// The machine-wide admin file: IT pre-sets (and may lock) the gateway fields for every user of a
// workstation. A broken file must never stop the app: it is reported and ignored as a whole, so a
// half-read file cannot lock a user onto a wrong gateway.
import { readFileSync } from 'node:fs';
import { posix, win32 } from 'node:path';
import { ADMIN_LOCKABLE, type Settings, type SettingsKey } from '../../shared/settings';
import { normaliseSetting } from './settings-store';

export interface AdminSettings {
  path: string;
  /** Values to use (as defaults, or forced when locked). */
  settings: Partial<Settings>;
  lock: SettingsKey[];
  /** Why the file was ignored; undefined when it is absent or fine. */
  problem?: string;
}

export function adminFilePath(platform: string = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (env.CEC_ADMIN_FILE) return env.CEC_ADMIN_FILE;
  if (platform === 'win32') return win32.join(env.ProgramData ?? 'C:\\ProgramData', 'CecHeldCalls', 'admin.json');
  if (platform === 'darwin') return '/Library/Application Support/CecHeldCalls/admin.json';
  return posix.join('/etc', 'cec-held-calls', 'admin.json');
}

const EXAMPLE = '{ "settings": { "gatewayUrl": "https://gateway:8043" }, "lock": ["gatewayUrl"] }';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseAdminFile(path: string, text: string): AdminSettings {
  const ignored = (why: string): AdminSettings => ({ path, settings: {}, lock: [], problem: `The admin file ${path} was ignored: ${why}` });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return ignored(`it is not valid JSON. Expected e.g. ${EXAMPLE}`);
  }
  if (!isObject(data)) return ignored(`it must be a JSON object like ${EXAMPLE}`);
  const unknownTop = Object.keys(data).filter((k) => k !== 'settings' && k !== 'lock');
  if (unknownTop.length > 0) return ignored(`unknown entry "${unknownTop[0]!.slice(0, 40)}" (only "settings" and "lock").`);

  const settings: Partial<Settings> = {};
  const rawSettings = data.settings ?? {};
  if (!isObject(rawSettings)) return ignored('"settings" must be an object.');
  for (const [key, value] of Object.entries(rawSettings)) {
    if (!(ADMIN_LOCKABLE as readonly string[]).includes(key)) {
      return ignored(`"${key.slice(0, 40)}" cannot be set by an administrator (only ${ADMIN_LOCKABLE.join(', ')}).`);
    }
    if (typeof value !== 'string') return ignored(`"${key}" must be text.`);
    try {
      Object.assign(settings, { [key]: normaliseSetting(key as SettingsKey, value) });
    } catch (error) {
      return ignored(error instanceof Error ? error.message : `"${key}" has a bad value.`);
    }
  }

  const rawLock = data.lock ?? [];
  if (!Array.isArray(rawLock)) return ignored('"lock" must be a list of setting names.');
  const lock: SettingsKey[] = [];
  for (const key of rawLock) {
    if (typeof key !== 'string' || !(ADMIN_LOCKABLE as readonly string[]).includes(key)) {
      return ignored(`"${String(key).slice(0, 40)}" cannot be locked (only ${ADMIN_LOCKABLE.join(', ')}).`);
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
    return { path, settings: {}, lock: [], problem: `The admin file ${path} could not be read (${code ?? 'unknown error'}); it was ignored.` };
  }
  return parseAdminFile(path, text);
}
