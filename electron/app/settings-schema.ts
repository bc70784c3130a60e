// The on-disk shape of the settings file (electron-store in the app, `conf` in tests): JSON schema,
// defaults and the migrations from earlier layouts. No Electron here, so it runs in plain Node.
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { settingsJsonSchema } from './settings-validate';

/** Everything the store file holds: the settings plus the vault's encrypted blob, kept apart. */
export interface StoreShape extends Settings {
  /** base64 of safeStorage.encryptString(password); never the password itself. */
  passwordCipher?: string;
}

export const PASSWORD_CIPHER_KEY = 'passwordCipher' as const;

/** The file name (without .json) inside the user-data directory. */
export const STORE_NAME = 'settings';

/** The file's schema: each setting's, derived from the spec, plus the vault's blob. */
export const SETTINGS_SCHEMA = { ...settingsJsonSchema(), passwordCipher: { type: 'string', maxLength: 8192 } };

export const SETTINGS_DEFAULTS: Settings = structuredClone(DEFAULT_SETTINGS) as Settings;

/** The slice of a Conf store a migration needs. */
export interface MigrationStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  has(key: string): boolean;
  delete(key: string): void;
}

/**
 * Keyed by the app version that introduced the layout. Conf runs each migration newer than the
 * version recorded in the file (a file with no record counts as older than all of them).
 */
export const SETTINGS_MIGRATIONS: Record<string, (store: MigrationStore) => void> = {
  // 0.0.1 (the pilot build) stored `gateway` and a single `hotkey` for resume-top.
  '0.1.0': (store) => {
    if (store.has('gateway')) {
      const gateway = store.get('gateway');
      if (typeof gateway === 'string' && gateway.length <= 2048 && !store.get('gatewayUrl')) store.set('gatewayUrl', gateway.trim());
      store.delete('gateway');
    }
    if (store.has('hotkey')) {
      const hotkey = store.get('hotkey');
      const current = store.get('hotkeys');
      const hotkeys = { ...DEFAULT_SETTINGS.hotkeys, ...(typeof current === 'object' && current !== null ? current : {}) };
      if (typeof hotkey === 'string' && hotkey.length <= 64) hotkeys.resumeTop = hotkey;
      store.set('hotkeys', hotkeys);
      store.delete('hotkey');
    }
  },
};

/** The version migrations are measured against; the app passes app.getVersion(). */
export const SETTINGS_LAYOUT_VERSION = '0.1.0';
