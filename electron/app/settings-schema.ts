// The on-disk shape of the settings file (electron-store in the app, `conf` in tests): JSON schema,
// defaults and the migrations from earlier layouts. No Electron here, so it runs in plain Node.
import { DEFAULT_SETTINGS, HOTKEY_ACTIONS, type Settings } from '../../shared/settings';

/** Everything the store file holds: the settings plus the vault's encrypted blob, kept apart. */
export interface StoreShape extends Settings {
  /** base64 of safeStorage.encryptString(password); never the password itself. */
  passwordCipher?: string;
}

export const PASSWORD_CIPHER_KEY = 'passwordCipher' as const;

/** The file name (without .json) inside the user-data directory. */
export const STORE_NAME = 'settings';

const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const seconds = { type: 'integer', minimum: 5, maximum: 3600 } as const;

export const SETTINGS_SCHEMA = {
  gatewayUrl: text(2048),
  agentId: text(16),
  phone: text(32),
  caFile: text(1024),
  pin: text(128),
  listOrder: { type: 'string', enum: ['longest-first', 'newest-first'] },
  warnAfterSec: seconds,
  alertAfterSec: seconds,
  hotkeys: {
    type: 'object',
    properties: Object.fromEntries(HOTKEY_ACTIONS.map((action) => [action, text(64)])),
    additionalProperties: false,
  },
  launchAtLogin: { type: 'boolean' },
  alwaysOnTop: { type: 'boolean' },
  pinned: { type: 'boolean' },
  rememberPassword: { type: 'boolean' },
  availability: { type: 'string', enum: ['idle', 'busy'] },
  autoSignIn: { type: 'boolean' },
  passwordCipher: text(8192),
} satisfies Record<keyof StoreShape, object>;

export const SETTINGS_DEFAULTS: Settings = { ...DEFAULT_SETTINGS, hotkeys: { ...DEFAULT_SETTINGS.hotkeys } };

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
