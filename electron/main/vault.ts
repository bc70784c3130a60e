// The remembered password, encrypted by the OS keychain through safeStorage. Only the encrypted
// blob (base64) is stored, under its own key, never in the settings the renderer sees. What it is
// bound to (gateway origin + agent id) and when it is handed out is decided in vault-binding.ts.
import { createBoundVault, type BlobStore, type PasswordVault } from '../app/vault-binding';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export function createVault(safeStorage: SafeStorageLike, store: BlobStore, platform: string = process.platform): PasswordVault {
  return createBoundVault(
    {
      // On Linux without a keyring Electron falls back to a hard-coded key ('basic_text'): that is
      // obfuscation, not protection, so we say we cannot remember rather than pretend.
      available: () =>
        safeStorage.isEncryptionAvailable() && !(platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text'),
      encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
      decrypt: (blob) => safeStorage.decryptString(Buffer.from(blob, 'base64')),
    },
    store,
  );
}
