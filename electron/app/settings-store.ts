// SettingsBackend over a Conf-compatible store (electron-store in the app, `conf` in tests).
// Every value is checked and normalised here before it is written, and admin-locked keys are
// enforced here, so neither the renderer nor a hand-edited file can get around them.
import { isAbsolute } from 'node:path';
import { DEFAULT_SETTINGS, HOTKEY_ACTIONS, HOTKEY_LABELS, type Hotkeys, type Settings, type SettingsKey, type SettingsPatch } from '../../shared/settings';
import { parseAgentId, parseGatewayUrl, parsePhone, parsePin } from '../core/config';
import type { AdminSettings } from './admin-file';
import type { SettingsBackend } from './app-service';
import { acceleratorProblem, formatAccelerator } from '../../shared/accelerator';
import { AppError } from './ipc-envelope';
import { validateArgs } from './ipc-validate';

/** The slice of Conf / electron-store this backend uses. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

const SETTINGS_KEYS = Object.keys(DEFAULT_SETTINGS) as SettingsKey[];

function invalid(message: string): never {
  throw new AppError('INVALID_SETTING', 'input', message);
}

function viaParser<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    // ConfigurationError messages are written for the agent already.
    return invalid(error instanceof Error ? error.message : 'That value is not valid.');
  }
}

/** Checks one text field and returns the form to store; throws AppError (kind 'input'). */
export function normaliseSetting(key: SettingsKey, value: string): string {
  const text = value.trim();
  switch (key) {
    case 'gatewayUrl':
      return text === '' ? '' : viaParser(() => parseGatewayUrl(text));
    case 'agentId':
      return text === '' ? '' : viaParser(() => parseAgentId(text));
    case 'phone':
      return viaParser(() => parsePhone(text)) ?? '';
    case 'pin':
      return viaParser(() => parsePin(text)) ?? '';
    case 'caFile':
      if (text !== '' && !isAbsolute(text)) invalid('The CA file must be given as a full path (for example C:\\certs\\gateway-ca.pem).');
      return text;
    default:
      return text;
  }
}

function checkHotkeys(hotkeys: Hotkeys): void {
  const used = new Map<string, string>();
  for (const action of HOTKEY_ACTIONS) {
    const accelerator = hotkeys[action];
    const problem = acceleratorProblem(accelerator);
    if (problem) invalid(`${HOTKEY_LABELS[action]}: ${problem}`);
    if (!accelerator) continue;
    const shown = formatAccelerator(accelerator);
    const other = used.get(shown.toLowerCase());
    if (other) invalid(`${shown} is already used for "${other}".`);
    used.set(shown.toLowerCase(), HOTKEY_LABELS[action]);
  }
}

function readStored(store: KeyValueStore): Settings {
  const out: Record<string, unknown> = {};
  for (const key of SETTINGS_KEYS) {
    const value = store.get(key);
    const fallback = DEFAULT_SETTINGS[key];
    out[key] = typeof value === typeof fallback && value !== null ? value : fallback;
  }
  const hotkeys = out.hotkeys as Partial<Hotkeys>;
  out.hotkeys = Object.fromEntries(HOTKEY_ACTIONS.map((a) => [a, typeof hotkeys[a] === 'string' ? hotkeys[a] : DEFAULT_SETTINGS.hotkeys[a]]));
  return out as unknown as Settings;
}

const LOCKED_LABELS: Partial<Record<SettingsKey, string>> = {
  gatewayUrl: 'gateway address',
  caFile: 'CA file',
  pin: 'certificate pin',
  agentId: 'agent id',
  phone: 'phone number',
};

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
    set(patch: SettingsPatch): Settings {
      validateArgs('settings:set', [patch]);
      const current = effective();
      const next: Settings = { ...current, hotkeys: { ...current.hotkeys } };
      const changed = new Set<SettingsKey>();
      for (const key of Object.keys(patch) as SettingsKey[]) {
        const value = patch[key];
        if (value === undefined) continue;
        if (key === 'hotkeys') {
          next.hotkeys = { ...next.hotkeys, ...(value as Partial<Hotkeys>) };
          for (const action of HOTKEY_ACTIONS) next.hotkeys[action] = next.hotkeys[action].trim();
        } else {
          const normalised = typeof value === 'string' ? normaliseSetting(key, value) : value;
          if (locked.has(key)) {
            if (normalised !== current[key]) {
              invalid(`Your administrator set the ${LOCKED_LABELS[key] ?? key} for this computer (${admin.path}); it cannot be changed here.`);
            }
            continue;
          }
          Object.assign(next, { [key]: normalised });
        }
        changed.add(key);
      }
      if (next.warnAfterSec >= next.alertAfterSec) {
        invalid(`The amber warning (${next.warnAfterSec} s) must come before the red alert (${next.alertAfterSec} s).`);
      }
      if (changed.has('hotkeys')) checkHotkeys(next.hotkeys);
      for (const key of changed) store.set(key, key === 'hotkeys' ? { ...next.hotkeys } : next[key]);
      return effective();
    },
  };
}
