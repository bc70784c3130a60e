// The one settings spec (shared/settings.ts) and everything derived from it: the defaults, the
// settings file's JSON schema (checked by the real `conf`, as electron-store does), the shape
// check of what the page sends (checkPatchShape), the store's validation and normalisation, and
// the admin-lockable keys. For every entry of the spec: a value at each limit passes, one
// beyond fails, every choice is accepted, and anything the spec does not name is refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isMessageId } from '../../shared/i18n';
import {
  ADMIN_LOCKABLE,
  DEFAULT_HOTKEYS,
  DEFAULT_SETTINGS,
  HOTKEY_ACTIONS,
  SECTIONS,
  SETTINGS_KEYS,
  SETTINGS_SPEC,
  settingSpec,
  type SettingSpec,
  type SettingsKey,
} from '../../shared/settings';
import { parseAdminFile } from '../../electron/app/admin-file';
import { AppError } from '../../electron/app/ipc-envelope';
import { SETTINGS_DEFAULTS, SETTINGS_LAYOUT_VERSION, SETTINGS_MIGRATIONS, SETTINGS_SCHEMA, STORE_NAME } from '../../electron/app/settings-schema';
import { createSettingsStore, memoryKeyValueStore, type KeyValueStore } from '../../electron/app/settings-store';
import { checkPatchShape, settingsJsonSchema } from '../../electron/app/settings-validate';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cec-spec-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The settings file as the app opens it (electron-store is Conf with Electron's paths). */
function openConf(): Conf<Record<string, unknown>> {
  return new Conf<Record<string, unknown>>({
    cwd: dir,
    configName: STORE_NAME,
    projectName: 'cec-held-calls-spec-test',
    schema: SETTINGS_SCHEMA as never,
    defaults: SETTINGS_DEFAULTS as never,
    migrations: SETTINGS_MIGRATIONS,
    projectVersion: SETTINGS_LAYOUT_VERSION,
  });
}

const NO_ADMIN = { path: '/nowhere/admin.json', settings: {}, lock: [] };

/** Values of one setting that fit the spec exactly at its limits, and values just beyond them. */
function samples(key: SettingsKey, spec: SettingSpec): { fits: unknown[]; beyond: unknown[] } {
  switch (spec.type) {
    case 'integer':
      return { fits: [spec.min, spec.max], beyond: [spec.min - 1, spec.max + 1, spec.min + 0.5, String(spec.min), null] };
    case 'text':
      return { fits: ['', 'x'.repeat(spec.maxLength)], beyond: ['x'.repeat(spec.maxLength + 1), 7, null, true] };
    case 'boolean':
      return { fits: [true, false], beyond: ['true', 0, null] };
    case 'choice':
      return { fits: spec.options.map((o) => o.value), beyond: ['not-an-option', '', 1, null] };
    case 'hotkeys':
      return {
        fits: [{}, { [HOTKEY_ACTIONS[0]!]: 'x'.repeat(spec.maxLength) }, Object.fromEntries(HOTKEY_ACTIONS.map((a) => [a, '']))],
        beyond: [{ [HOTKEY_ACTIONS[0]!]: 'x'.repeat(spec.maxLength + 1) }, { launchRockets: 'F13' }, { [HOTKEY_ACTIONS[0]!]: 5 }, 'F13', ['F13'], null],
      };
  }
  throw new Error(`no samples for ${key}`);
}

/** A sample for a test message: long strings by their length. */
const show = (value: unknown): string => (typeof value === 'string' && value.length > 20 ? `<${value.length} chars>` : JSON.stringify(value));

const ENTRIES = SETTINGS_KEYS.map((key) => [key, settingSpec(key)] as const);

describe('the spec', () => {
  it('declares each setting once, with a label, a section and an effect', () => {
    expect(new Set(SETTINGS_KEYS).size).toBe(SETTINGS_KEYS.length);
    for (const [key, spec] of ENTRIES) {
      expect(isMessageId(spec.label), key).toBe(true);
      expect(SECTIONS, key).toContain(spec.section);
      expect(['hotkeys', 'list-order', 'window', 'login-item', 'locale', 'connection', 'session', 'none'], key).toContain(spec.effect);
    }
  });

  it('the removed rememberPassword setting is gone; language is a setting', () => {
    expect(SETTINGS_KEYS).not.toContain('rememberPassword');
    expect(SETTINGS_SPEC.language.options.map((o) => o.value)).toEqual(['system', 'en', 'zh-CN']);
  });

  it('the defaults are the spec defaults, and fit the spec', () => {
    expect(Object.keys(DEFAULT_SETTINGS)).toEqual(SETTINGS_KEYS);
    for (const [key, spec] of ENTRIES) expect(DEFAULT_SETTINGS[key], key).toEqual(spec.default);
    expect(DEFAULT_HOTKEYS).toEqual(SETTINGS_SPEC.hotkeys.default);
    expect(Object.keys(DEFAULT_HOTKEYS)).toEqual([...HOTKEY_ACTIONS]);
    expect(SETTINGS_DEFAULTS).toEqual(DEFAULT_SETTINGS);
    expect(() => checkPatchShape(structuredClone(DEFAULT_SETTINGS))).not.toThrow();
    // A fresh store reads as the defaults, through the real file and the in-memory one alike.
    expect(createSettingsStore(openConf(), NO_ADMIN).get()).toEqual(DEFAULT_SETTINGS);
    expect(createSettingsStore(memoryKeyValueStore(), NO_ADMIN).get()).toEqual(DEFAULT_SETTINGS);
    // The defaults object cannot be changed by accident (it is shared by every reader).
    expect(Object.isFrozen(DEFAULT_SETTINGS)).toBe(true);
  });

  it('ADMIN_LOCKABLE is exactly the lockable entries, and is what the admin file accepts', () => {
    const lockable = ENTRIES.filter(([, spec]) => spec.lockable === true).map(([key]) => key);
    expect(ADMIN_LOCKABLE).toEqual(lockable);
    expect([...ADMIN_LOCKABLE].sort()).toEqual(['agentId', 'caFile', 'gatewayUrl', 'phone', 'pin']);
    for (const key of SETTINGS_KEYS) {
      const admin = parseAdminFile('/etc/admin.json', JSON.stringify({ lock: [key] }));
      expect(admin.problem === undefined, key).toBe(ADMIN_LOCKABLE.includes(key));
    }
  });
});

describe.each(ENTRIES)('%s: every derivation agrees with the spec', (key, spec) => {
  const { fits, beyond } = samples(key, spec);

  it('the settings file schema (real conf) accepts values at the limits and refuses values beyond', () => {
    const conf = openConf();
    for (const value of fits) expect(() => conf.set(key, value), `${key}=${show(value)}`).not.toThrow();
    for (const value of beyond) expect(() => conf.set(key, value), `${key}=${show(value)}`).toThrow(/schema/i);
  });

  it('the IPC shape check accepts values at the limits and refuses values beyond, naming the field', () => {
    for (const value of fits) expect(() => checkPatchShape({ [key]: value }), `${key}=${show(value)}`).not.toThrow();
    for (const value of beyond) {
      let error: unknown;
      try {
        checkPatchShape({ [key]: value });
      } catch (caught) {
        error = caught;
      }
      expect(error, `${key}=${show(value)}`).toBeInstanceOf(AppError);
      expect((error as AppError).kind).toBe('input');
      expect((error as AppError).field?.key).toBe(key);
    }
  });

  it('the schema is the one derived from the spec', () => {
    const schema = settingsJsonSchema()[key] as Record<string, unknown>;
    expect(SETTINGS_SCHEMA).toHaveProperty(key);
    switch (spec.type) {
      case 'integer':
        expect(schema).toEqual({ type: 'integer', minimum: spec.min, maximum: spec.max });
        break;
      case 'text':
        expect(schema).toEqual({ type: 'string', maxLength: spec.maxLength });
        break;
      case 'boolean':
        expect(schema).toEqual({ type: 'boolean' });
        break;
      case 'choice':
        expect(schema).toEqual({ type: 'string', enum: spec.options.map((o) => o.value) });
        break;
      case 'hotkeys':
        expect(Object.keys(schema.properties as object)).toEqual([...HOTKEY_ACTIONS]);
        break;
    }
  });

  it('the store keeps a stored value that fits and reads one that does not as the default', () => {
    const wrong = samples(key, spec).beyond;
    for (const value of wrong) {
      if (spec.type === 'hotkeys') continue; // per action, below
      const settings = createSettingsStore(memoryKeyValueStore({ [key]: value } as never), NO_ADMIN);
      expect(settings.get()[key], `${key}=${show(value)}`).toEqual(spec.default);
    }
  });
});

describe('the store over a hand-edited or older file', () => {
  it('reads a wrongly typed hotkey as that action default and keeps the others', () => {
    const settings = createSettingsStore(memoryKeyValueStore({ hotkeys: { resumeTop: 5, refresh: 'CommandOrControl+Alt+F' } } as never), NO_ADMIN);
    expect(settings.get().hotkeys).toEqual({ ...DEFAULT_HOTKEYS, refresh: 'CommandOrControl+Alt+F' });
  });

  it('drops keys the spec does not know (an old rememberPassword)', () => {
    const settings = createSettingsStore(memoryKeyValueStore({ rememberPassword: true, pinned: true } as never), NO_ADMIN);
    expect(settings.get()).not.toHaveProperty('rememberPassword');
    expect(settings.get().pinned).toBe(true);
  });
});

describe('the store refuses what the spec refuses, and normalises with the spec', () => {
  const store = (): { kv: KeyValueStore; writes: string[] } => {
    const inner = memoryKeyValueStore();
    const writes: string[] = [];
    return { kv: { get: inner.get, set: (k, v) => (writes.push(k), inner.set(k, v)) }, writes };
  };

  it.each(ENTRIES.filter(([, spec]) => spec.type === 'integer'))('%s: one beyond each limit is refused and nothing is written', (key, spec) => {
    if (spec.type !== 'integer') return;
    const { kv, writes } = store();
    const settings = createSettingsStore(kv, NO_ADMIN);
    for (const value of [spec.min - 1, spec.max + 1]) {
      expect(() => settings.set({ [key]: value }), String(value)).toThrow(AppError);
    }
    expect(writes).toEqual([]);
  });

  it('the integer limits that cross rules allow are stored: warn at its minimum, alert at its maximum', () => {
    const settings = createSettingsStore(memoryKeyValueStore(), NO_ADMIN);
    expect(settings.set({ warnAfterSec: SETTINGS_SPEC.warnAfterSec.min, alertAfterSec: SETTINGS_SPEC.alertAfterSec.max }).sort()).toEqual(['alertAfterSec', 'warnAfterSec']);
    expect(settings.get()).toMatchObject({ warnAfterSec: 5, alertAfterSec: 3600 });
  });

  it.each(ENTRIES.filter(([, spec]) => spec.type === 'choice'))('%s: every choice is accepted and stored', (key, spec) => {
    if (spec.type !== 'choice') return;
    const settings = createSettingsStore(memoryKeyValueStore(), NO_ADMIN);
    for (const option of spec.options) {
      settings.set({ [key]: option.value });
      expect(settings.get()[key]).toBe(option.value);
      expect(isMessageId(option.label), option.label).toBe(true);
    }
  });

  it.each(ENTRIES.filter(([, spec]) => spec.type === 'text'))('%s: empty is always allowed, and text is stored trimmed and normalised', (key, spec) => {
    if (spec.type !== 'text') return;
    const settings = createSettingsStore(memoryKeyValueStore(), NO_ADMIN);
    settings.set({ [key]: '   ' });
    expect(settings.get()[key]).toBe('');
    const examples: Partial<Record<SettingsKey, [string, string]>> = {
      gatewayUrl: [' https://gw.example:8043/agentgateway/resource/ ', 'https://gw.example:8043'],
      agentId: [' 1001 ', '1001'],
      phone: [' 88001 ', '88001'],
      caFile: [' /etc/ssl/ca.pem ', '/etc/ssl/ca.pem'],
      pin: [`sha256/${'ab'.repeat(32)}`, `${'AB:'.repeat(31)}AB`],
    };
    const example = examples[key];
    expect(example, `an example for text setting ${key}`).toBeDefined();
    settings.set({ [key]: example![0] });
    expect(settings.get()[key]).toBe(example![1]);
  });

  it('refuses unknown keys, also in the settings file', () => {
    const settings = createSettingsStore(memoryKeyValueStore(), NO_ADMIN);
    expect(() => settings.set({ nope: 1 } as never)).toThrow(AppError);
    expect(() => checkPatchShape({ rememberPassword: false })).toThrow(AppError);
    expect(() => checkPatchShape(null)).toThrow(AppError);
    expect(() => checkPatchShape([])).toThrow(AppError);
    expect(() => checkPatchShape(Object.create({ pinned: true }))).toThrow(AppError);
  });
});
