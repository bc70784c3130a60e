import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { english } from '../../shared/i18n';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { adminFilePath, parseAdminFile, readAdminFile, type AdminSettings } from '../../electron/app/admin-file';
import { AppError } from '../../electron/app/ipc-envelope';
import {
  SETTINGS_DEFAULTS,
  SETTINGS_LAYOUT_VERSION,
  SETTINGS_MIGRATIONS,
  SETTINGS_SCHEMA,
  STORE_NAME,
  type StoreShape,
} from '../../electron/app/settings-schema';
import { createSettingsStore } from '../../electron/app/settings-store';
import { createVault } from '../../electron/main/vault';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cec-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function openConf(): Conf<StoreShape> {
  return new Conf<StoreShape>({
    cwd: dir,
    configName: STORE_NAME,
    projectName: 'cec-held-calls-test',
    schema: SETTINGS_SCHEMA as never,
    defaults: SETTINGS_DEFAULTS,
    migrations: SETTINGS_MIGRATIONS,
    projectVersion: SETTINGS_LAYOUT_VERSION,
  });
}

const NO_ADMIN: AdminSettings = { path: '/nowhere/admin.json', settings: {}, lock: [] };
const PIN = 'AB:'.repeat(31) + 'AB';

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('input');
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describe('settings store over conf', () => {
  it('starts from the defaults', () => {
    const settings = createSettingsStore(openConf(), NO_ADMIN);
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(settings.locked()).toEqual([]);
    expect(settings.adminFile).toBe('/nowhere/admin.json');
  });

  it('normalises and persists valid values across a reopen', () => {
    const settings = createSettingsStore(openConf(), NO_ADMIN);
    const changed = settings.set({
      gatewayUrl: ' https://10.0.0.5:8043/cc/agentgateway/resource/ ',
      agentId: '1001',
      pin: PIN.toLowerCase(),
      warnAfterSec: 30,
      alertAfterSec: DEFAULT_SETTINGS.alertAfterSec,
      hotkeys: { resume2: 'CommandOrControl+Alt+2' },
    });
    // Only the keys whose value changed (the unchanged alert time is not one).
    expect(changed.sort()).toEqual(['agentId', 'gatewayUrl', 'hotkeys', 'pin', 'warnAfterSec']);
    const after = settings.get();
    expect(after.gatewayUrl).toBe('https://10.0.0.5:8043/cc');
    expect(after.pin).toBe(PIN);
    expect(after.hotkeys).toEqual({ ...DEFAULT_SETTINGS.hotkeys, resume2: 'CommandOrControl+Alt+2' });
    const reopened = createSettingsStore(openConf(), NO_ADMIN).get();
    expect(reopened.gatewayUrl).toBe('https://10.0.0.5:8043/cc');
    expect(reopened.warnAfterSec).toBe(30);
    expect(reopened.hotkeys.resume2).toBe('CommandOrControl+Alt+2');
  });

  it.each([
    [{ gatewayUrl: 'http://gw:8043' }, /https/],
    [{ gatewayUrl: 'https://user:pw@gw:8043' }, /user name or password/],
    [{ agentId: '12' }, /agent id/],
    [{ pin: 'abc' }, /SHA-256/],
    [{ phone: '12ab' }, /phone number/],
    [{ caFile: 'relative/ca.pem' }, /full path/],
    [{ warnAfterSec: 200 }, /must come before the red alert/],
    [{ warnAfterSec: 4 }, /5 to 3,600/],
    [{ gatewayUrl: 'not a url' }, /not a valid URL/],
    [{ agentId: '1000000' }, /101 to 999999/],
    [{ hotkeys: { refresh: 'CommandOrControl+C' } }, /standard shortcut/],
    [{ hotkeys: { refresh: 'R' } }, /needs Ctrl, Alt or Cmd/],
    [{ hotkeys: { refresh: 'CommandOrControl+Alt+R' } }, /already used for "Resume the top held call"/],
    [{ secret: 'x' } as never, /not a setting/],
  ])('refuses %j with a clear message and stores nothing', (patch, message) => {
    const conf = openConf();
    const settings = createSettingsStore(conf, NO_ADMIN);
    expect(refusal(() => settings.set(patch)).message).toMatch(message);
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps locked admin values and refuses to change them', () => {
    const admin: AdminSettings = { path: '/etc/cec-held-calls/admin.json', settings: { gatewayUrl: 'https://gw.corp:8043', pin: PIN }, lock: ['gatewayUrl'] };
    const settings = createSettingsStore(openConf(), admin);
    expect(settings.get().gatewayUrl).toBe('https://gw.corp:8043');
    expect(settings.locked()).toEqual(['gatewayUrl']);
    const error = refusal(() => settings.set({ gatewayUrl: 'https://elsewhere:8043' }));
    expect(error.agentMessage.id).toBe('settings.locked');
    expect(error.field).toEqual({ key: 'gatewayUrl' });
    expect(error.message).toMatch(/administrator set Gateway address/);
    expect(error.message).toContain('/etc/cec-held-calls/admin.json');
    expect(settings.get().gatewayUrl).toBe('https://gw.corp:8043');
    // Sending the locked value back unchanged (a whole-form save) is fine.
    expect(settings.set({ gatewayUrl: 'https://gw.corp:8043', agentId: '1002' })).toEqual(['agentId']);
    expect(settings.get().agentId).toBe('1002');
    // An unlocked admin value is only a pre-set: the user may override it.
    expect(settings.get().pin).toBe(PIN);
    settings.set({ pin: '' });
    expect(settings.get().pin).toBe(PIN);
    expect(settings.set({ pin: 'CD'.repeat(32) })).toEqual(['pin']);
    expect(settings.get().pin).toBe('CD:'.repeat(31) + 'CD');
  });
});

describe('a malformed admin file', () => {
  it('is ignored as a whole and its problem is shown with the settings', () => {
    const admin = parseAdminFile('/etc/cec-held-calls/admin.json', '{ "settings": { "gatewayUrl": ');
    const settings = createSettingsStore(openConf(), admin);
    expect(settings.locked()).toEqual([]);
    expect(settings.adminProblem?.id).toBe('settings.admin-ignored');
    expect(english.t(settings.adminProblem!)).toMatch(/admin\.json was ignored: it is not valid JSON/);
  });
});

describe('settings migrations (real conf, temp dir)', () => {
  it('moves the 0.0.1 layout { gateway, hotkey } to the current keys', () => {
    writeFileSync(join(dir, `${STORE_NAME}.json`), JSON.stringify({ gateway: 'https://old-gw:8043', hotkey: 'F9', pinned: true }));
    const conf = openConf();
    const settings = createSettingsStore(conf, NO_ADMIN).get();
    expect(settings.gatewayUrl).toBe('https://old-gw:8043');
    expect(settings.hotkeys).toEqual({ ...DEFAULT_SETTINGS.hotkeys, resumeTop: 'F9' });
    expect(settings.pinned).toBe(true);
    const onDisk = JSON.parse(readFileSync(join(dir, `${STORE_NAME}.json`), 'utf8')) as Record<string, unknown>;
    expect(onDisk).not.toHaveProperty('gateway');
    expect(onDisk).not.toHaveProperty('hotkey');
    expect(onDisk.gatewayUrl).toBe('https://old-gw:8043');
  });

  it('does not rerun on a file already at the current version', () => {
    openConf().set('gatewayUrl', 'https://current:8043');
    const file = join(dir, `${STORE_NAME}.json`);
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...data, gateway: 'https://stale:8043' }));
    expect(openConf().get('gatewayUrl')).toBe('https://current:8043');
  });
});

describe('admin file', () => {
  it('is looked for in the per-OS machine-wide place unless CEC_ADMIN_FILE says otherwise', () => {
    expect(adminFilePath('win32', { ProgramData: 'D:\\PD' })).toBe('D:\\PD\\CecHeldCalls\\admin.json');
    expect(adminFilePath('darwin', {})).toBe('/Library/Application Support/CecHeldCalls/admin.json');
    expect(adminFilePath('linux', {})).toBe('/etc/cec-held-calls/admin.json');
    expect(adminFilePath('linux', { CEC_ADMIN_FILE: '/tmp/a.json' })).toBe('/tmp/a.json');
  });

  it('absent: nothing set, nothing locked, no problem', () => {
    const admin = readAdminFile(join(dir, 'missing.json'));
    expect(admin).toEqual({ path: join(dir, 'missing.json'), settings: {}, lock: [] });
  });

  it('present: values are normalised and locks applied', () => {
    const path = join(dir, 'admin.json');
    writeFileSync(path, JSON.stringify({ settings: { gatewayUrl: 'https://gw:8043/', caFile: '/etc/ssl/gw-ca.pem' }, lock: ['gatewayUrl', 'caFile'] }));
    const admin = readAdminFile(path);
    expect(admin.problem).toBeUndefined();
    expect(admin.settings).toEqual({ gatewayUrl: 'https://gw:8043', caFile: '/etc/ssl/gw-ca.pem' });
    expect(admin.lock).toEqual(['gatewayUrl', 'caFile']);
  });

  it.each([
    ['{ not json', /not valid JSON/],
    ['[]', /JSON object/],
    ['{"settings":{"gatewayUrl":"http://gw"}}', /https/],
    ['{"settings":{"hotkeys":"F1"}}', /"hotkeys" cannot be set or locked by an administrator \(only gatewayUrl, agentId, phone, caFile, pin\)/],
    ['{"lock":["warnAfterSec"]}', /"warnAfterSec" cannot be set or locked/],
    ['{"settings":{"agentId":7}}', /must be text/],
    ['{"lock":"gatewayUrl"}', /list of setting names/],
    ['{"setting":{}}', /unknown entry/],
  ])('malformed %s: reported and ignored as a whole', (text, problem) => {
    const admin = parseAdminFile('/etc/cec-held-calls/admin.json', text);
    expect(admin.problem?.id).toBe('settings.admin-ignored');
    const shown = english.t(admin.problem!);
    expect(shown).toMatch(problem);
    expect(shown).toContain('/etc/cec-held-calls/admin.json');
    expect(admin.settings).toEqual({});
    expect(admin.lock).toEqual([]);
  });
});

describe('password vault (safeStorage injected)', () => {
  const fakeSafeStorage = (available: boolean, backend = 'gnome_libsecret') => ({
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (text: string) => Buffer.from(`enc:${[...text].reverse().join('')}`),
    decryptString: (blob: Buffer) => {
      const text = blob.toString();
      if (!text.startsWith('enc:')) throw new Error('bad blob');
      return [...text.slice(4)].reverse().join('');
    },
  });

  const HERE = { origin: 'https://gw.example:8043', agentId: '1001' };

  it('stores only the encrypted blob, under its own key, and reads it back for the same gateway and agent', () => {
    const conf = openConf();
    const vault = createVault(fakeSafeStorage(true), conf, 'linux');
    expect(vault.available).toBe(true);
    vault.save('s3cret!', HERE);
    const raw = readFileSync(join(dir, `${STORE_NAME}.json`), 'utf8');
    expect(raw).not.toContain('s3cret!');
    expect(raw).not.toContain('gw.example');
    const blob = conf.get('passwordCipher');
    expect(typeof blob).toBe('string');
    expect(Buffer.from(blob!, 'base64').toString().startsWith('enc:')).toBe(true);
    expect(vault.load(HERE)).toBe('s3cret!');
    expect(createSettingsStore(conf, NO_ADMIN).get()).not.toHaveProperty('passwordCipher');
    vault.clear();
    expect(vault.load(HERE)).toBeUndefined();
  });

  it('is unavailable without real encryption (no keychain, or Linux basic_text)', () => {
    expect(createVault(fakeSafeStorage(false), openConf(), 'win32').available).toBe(false);
    const basic = createVault(fakeSafeStorage(true, 'basic_text'), openConf(), 'linux');
    expect(basic.available).toBe(false);
    basic.save('pw', HERE);
    expect(basic.load(HERE)).toBeUndefined();
  });

  it('drops a blob the keychain can no longer decrypt, and a bare password from an older build', () => {
    const conf = openConf();
    conf.set('passwordCipher', Buffer.from('garbage').toString('base64'));
    expect(createVault(fakeSafeStorage(true), conf, 'darwin').load(HERE)).toBeUndefined();
    expect(conf.get('passwordCipher')).toBeUndefined();
    // 0.1.0 stored encryptString(password) with no binding: it cannot say where it belongs.
    conf.set('passwordCipher', fakeSafeStorage(true).encryptString('old-pw').toString('base64'));
    expect(createVault(fakeSafeStorage(true), conf, 'darwin').load(HERE)).toBeUndefined();
    expect(conf.get('passwordCipher')).toBeUndefined();
  });
});
