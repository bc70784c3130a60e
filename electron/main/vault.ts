// The remembered password, encrypted by the OS keychain through safeStorage. Only the encrypted
// blob (base64) is stored, under its own key, never in the settings the renderer sees.
import type { PasswordVault } from '../app/app-service';
import { PASSWORD_CIPHER_KEY } from '../app/settings-schema';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export interface BlobStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: typeof PASSWORD_CIPHER_KEY): void;
}

export function createVault(safeStorage: SafeStorageLike, store: BlobStore, platform: string = process.platform): PasswordVault {
  // On Linux without a keyring Electron falls back to a hard-coded key ('basic_text'): that is
  // obfuscation, not protection, so we say we cannot remember rather than pretend.
  const available = (): boolean =>
    safeStorage.isEncryptionAvailable() && !(platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text');
  return {
    get available() {
      return available();
    },
    load() {
      if (!available()) return undefined;
      const blob = store.get(PASSWORD_CIPHER_KEY);
      if (typeof blob !== 'string' || blob === '') return undefined;
      try {
        return safeStorage.decryptString(Buffer.from(blob, 'base64'));
      } catch {
        // Keychain changed (new OS user profile, reset keyring): the blob is useless now.
        store.delete(PASSWORD_CIPHER_KEY);
        return undefined;
      }
    },
    save(password) {
      if (!available()) return;
      store.set(PASSWORD_CIPHER_KEY, safeStorage.encryptString(password).toString('base64'));
    },
    clear() {
      store.delete(PASSWORD_CIPHER_KEY);
    },
  };
}
