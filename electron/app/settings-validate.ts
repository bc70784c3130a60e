// Everything about a settings value that can be checked, derived from the one spec
// (shared/settings.ts): the shape of what the page sends (type, limits, known keys), the
// normalised form to store, and the rules across settings. Plain Node, no Electron.
import { acceleratorProblem, canonicalAccelerator, formatAccelerator } from '../../shared/accelerator';
import { InvalidValueError } from '../../shared/config-rules';
import { msg, type Message } from '../../shared/i18n';
import {
  CROSS_RULES,
  HOTKEY_ACTIONS,
  SETTINGS_KEYS,
  SETTINGS_SPEC,
  settingSpec,
  type HotkeyAction,
  type Hotkeys,
  type SettingsKey,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings';
import { AppError } from './ipc-envelope';

function refuse(reason: Message, key?: SettingsKey, action?: HotkeyAction): never {
  throw new AppError('INVALID_SETTING', 'input', reason, key ? { key, ...(action ? { action } : {}) } : undefined);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

const label = (key: SettingsKey): Message => msg(settingSpec(key).label);

/** Shape only (types, lengths, ranges, known keys): what an untrusted page may send at all. */
export function checkPatchShape(patch: unknown): SettingsPatch {
  if (!isPlainObject(patch)) refuse(msg('client.INVALID_ARGUMENT'));
  for (const [key, value] of Object.entries(patch)) {
    if (!Object.hasOwn(SETTINGS_SPEC, key)) refuse(msg('settings.not-a-setting', { key: key.slice(0, 40) }));
    const k = key as SettingsKey;
    const spec = settingSpec(k);
    switch (spec.type) {
      case 'text':
        if (typeof value !== 'string') refuse(msg('settings.invalid-type', { setting: label(k) }), k);
        if (value.length > spec.maxLength) refuse(msg('settings.too-long', { setting: label(k), max: spec.maxLength }), k);
        break;
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < spec.min || value > spec.max) {
          refuse(msg('settings.out-of-range', { setting: label(k), min: spec.min, max: spec.max }), k);
        }
        break;
      case 'boolean':
        if (typeof value !== 'boolean') refuse(msg('settings.invalid-type', { setting: label(k) }), k);
        break;
      case 'choice':
        if (typeof value !== 'string' || !spec.options.some((o) => o.value === value)) {
          refuse(msg('settings.not-an-option', { setting: label(k), value: String(value).slice(0, 40) }), k);
        }
        break;
      case 'hotkeys':
        if (!isPlainObject(value)) refuse(msg('settings.invalid-type', { setting: label(k) }), k);
        for (const [action, accelerator] of Object.entries(value)) {
          if (!(HOTKEY_ACTIONS as readonly string[]).includes(action)) refuse(msg('settings.not-a-setting', { key: action.slice(0, 40) }), k);
          if (typeof accelerator !== 'string' || accelerator.length > spec.maxLength) {
            refuse(msg('settings.invalid-type', { setting: msg(`command.${action as HotkeyAction}`) }), k, action as HotkeyAction);
          }
        }
        break;
    }
  }
  return patch as SettingsPatch;
}

/** The form of a text setting to store (trimmed, normalised), or a refusal naming the field. */
export function normaliseText(key: SettingsKey, value: string): string {
  const spec = settingSpec(key);
  const text = value.trim();
  if (spec.type !== 'text' || !spec.normalise) return text;
  try {
    return spec.normalise(text);
  } catch (error) {
    if (error instanceof InvalidValueError) refuse(error.reason, key);
    throw error;
  }
}

/** Every hotkey usable, and no two actions on one combination. */
export function checkHotkeys(hotkeys: Hotkeys): void {
  const used = new Map<string, HotkeyAction>();
  for (const action of HOTKEY_ACTIONS) {
    const accelerator = hotkeys[action];
    const problem = acceleratorProblem(accelerator);
    if (problem) refuse(problem, 'hotkeys', action);
    if (!accelerator) continue;
    const key = canonicalAccelerator(accelerator);
    const other = used.get(key);
    if (other) refuse(msg('settings.hotkey-used', { key: formatAccelerator(accelerator), other: msg(`command.${other}`) }), 'hotkeys', action);
    used.set(key, action);
  }
}

export function checkCrossRules(settings: Settings): void {
  for (const rule of CROSS_RULES) {
    const problem = rule.problem(settings);
    if (problem) refuse(problem, rule.keys[0]);
  }
}

/** The electron-store JSON schema, derived (the file is checked on load as well as on save). */
export function settingsJsonSchema(): Record<string, object> {
  const schema: Record<string, object> = {};
  for (const key of SETTINGS_KEYS) {
    const spec = settingSpec(key);
    switch (spec.type) {
      case 'text':
        schema[key] = { type: 'string', maxLength: spec.maxLength };
        break;
      case 'integer':
        schema[key] = { type: 'integer', minimum: spec.min, maximum: spec.max };
        break;
      case 'boolean':
        schema[key] = { type: 'boolean' };
        break;
      case 'choice':
        schema[key] = { type: 'string', enum: spec.options.map((o) => o.value) };
        break;
      case 'hotkeys':
        schema[key] = {
          type: 'object',
          properties: Object.fromEntries(HOTKEY_ACTIONS.map((a) => [a, { type: 'string', maxLength: spec.maxLength }])),
          additionalProperties: false,
        };
        break;
    }
  }
  return schema;
}
