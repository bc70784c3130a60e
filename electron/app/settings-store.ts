// SettingsBackend over a Conf-compatible store (electron-store in the app, `conf` in tests, a Map
// in the browser preview). Every value is checked and normalised here, from the one spec, before
// it is written, and admin-locked keys are enforced here, so neither the renderer nor a
// hand-edited file can get around them.
import { msg } from '../../shared/i18n';
import { DEFAULT_SETTINGS, HOTKEY_ACTIONS, SETTINGS_KEYS, settingSpec, type Hotkeys, type Settings, type SettingsKey, type SettingsPatch } from '../../shared/settings';
import type { AdminSettings } from './admin-file';
import { AppError } from './ipc-envelope';
import { checkCrossRules, checkHotkeys, checkPatchShape, normaliseText } from './settings-validate';

/** The slice of Conf / electron-store this backend uses. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export interface SettingsBackend {
  get(): Settings;
  /** Validates and writes; returns the keys whose effective value changed. Throws AppError (kind 'input'). */
  set(patch: SettingsPatch): SettingsKey[];
  locked(): SettingsKey[];
  readonly adminFile: string;
  readonly adminProblem?: AdminSettings['problem'];
}

/** Whether a stored value has the shape the spec allows (the same check the page's values get). */
function fits(key: SettingsKey, value: unknown): boolean {
  try {
    checkPatchShape({ [key]: value });
    return value !== undefined;
  } catch {
    return false;
  }
}

/** A hand-edited or older file may hold anything: keep what fits the spec, default the rest. */
function readStored(store: KeyValueStore): Settings {
  const out: Record<string, unknown> = {};
  for (const key of SETTINGS_KEYS) {
    const value = store.get(key);
    out[key] = key !== 'hotkeys' && fits(key, value) ? value : DEFAULT_SETTINGS[key];
  }
  const stored = store.get('hotkeys');
  const hotkeys = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  out.hotkeys = Object.fromEntries(HOTKEY_ACTIONS.map((a) => [a, fits('hotkeys', { [a]: hotkeys[a] }) ? hotkeys[a] : DEFAULT_SETTINGS.hotkeys[a]]));
  return out as unknown as Settings;
}

export function createSettingsStore(store: KeyValueStore, admin: AdminSettings): SettingsBackend {
  const locked = new Set(admin.lock);

  function effective(): Settings {
    const stored = readStored(store);
    const result: Settings = { ...stored, hotkeys: { ...stored.hotkeys } };
    for (const [key, value] of Object.entries(admin.settings) as Array<[SettingsKey, string]>) {
      // Unlocked admin values are pre-sets: they fill a field the user has not filled.
      if (locked.has(key) || stored[key] === DEFAULT_SETTINGS[key]) Object.assign(result, { [key]: value });
    }
    for (const key of locked) {
      if (!(key in admin.settings)) Object.assign(result, { [key]: DEFAULT_SETTINGS[key] });
    }
    return result;
  }

  return {
    adminFile: admin.path,
    ...(admin.problem ? { adminProblem: admin.problem } : {}),
    get: effective,
    locked: () => [...locked],
    set(patch: SettingsPatch): SettingsKey[] {
      checkPatchShape(patch);
      const current = effective();
      const next: Settings = { ...current, hotkeys: { ...current.hotkeys } };
      const changed: SettingsKey[] = [];
      // Spec order, whatever order the page sent: reactions then run in a fixed order too.
      for (const key of SETTINGS_KEYS.filter((k) => Object.hasOwn(patch, k))) {
        const value = patch[key];
        if (value === undefined) continue;
        if (key === 'hotkeys') {
          next.hotkeys = { ...next.hotkeys, ...(value as Partial<Hotkeys>) };
          for (const action of HOTKEY_ACTIONS) next.hotkeys[action] = next.hotkeys[action].trim();
          if (JSON.stringify(next.hotkeys) !== JSON.stringify(current.hotkeys)) changed.push(key);
          continue;
        }
        const normalised = typeof value === 'string' ? normaliseText(key, value) : value;
        if (normalised === current[key]) continue;
        if (locked.has(key)) {
          throw new AppError('INVALID_SETTING', 'input', msg('settings.locked', { setting: msg(settingSpec(key).label), file: admin.path }), { key });
        }
        Object.assign(next, { [key]: normalised });
        changed.push(key);
      }
      checkCrossRules(next);
      if (changed.includes('hotkeys')) checkHotkeys(next.hotkeys);
      for (const key of changed) store.set(key, key === 'hotkeys' ? { ...next.hotkeys } : next[key]);
      return changed;
    },
  };
}

/** The same store over memory: the browser preview and tests run exactly what ships. */
export function memoryKeyValueStore(initial: Partial<Settings> = {}): KeyValueStore {
  const map = new Map<string, unknown>(Object.entries(structuredClone(initial)));
  return { get: (key) => structuredClone(map.get(key)), set: (key, value) => void map.set(key, structuredClone(value)) };
}
