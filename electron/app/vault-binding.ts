// The remembered password is bound to where it was remembered: the gateway's origin and the
// agent id. It is handed out only for exactly that pair, so a changed gateway address (typed,
// pushed by a hand-edited settings file, or by a page that reached the settings) can never
// receive it. The binding is encrypted together with the password, so it cannot be rewritten
// without the keychain either. No Electron here: the app passes safeStorage in as the cipher,
// the preview and the tests an in-memory one, and the same rules run everywhere.
import { PASSWORD_CIPHER_KEY } from './settings-schema';

export interface VaultBinding {
  /** scheme://host:port of the gateway, without path or credentials. */
  origin: string;
  agentId: string;
}

export interface PasswordVault {
  readonly available: boolean;
  /** The password remembered for exactly this gateway and agent; undefined for anything else. */
  load(binding: VaultBinding | undefined): string | undefined;
  save(password: string, binding: VaultBinding): void;
  clear(): void;
}

/** What a keychain offers. */
export interface SecretCipher {
  available(): boolean;
  encrypt(plain: string): string;
  /** Throws when the blob cannot be decrypted (another keychain, a damaged file). */
  decrypt(blob: string): string;
}

export interface BlobStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** Version tag of the sealed entry; a blob without it (an older build's bare password) is not trusted. */
const SEAL = 'cec-vault-1';

export function vaultBindingOf(gatewayUrl: string | undefined, agentId: string | undefined): VaultBinding | undefined {
  if (!gatewayUrl || !agentId) return undefined;
  let url: URL;
  try {
    url = new URL(gatewayUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:') return undefined;
  return { origin: url.origin, agentId };
}

export function sameBinding(a: VaultBinding | undefined, b: VaultBinding | undefined): boolean {
  return a !== undefined && b !== undefined && a.origin === b.origin && a.agentId === b.agentId;
}

interface Sealed {
  seal: typeof SEAL;
  origin: string;
  agentId: string;
  password: string;
}

function unseal(text: string): Sealed | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (v.seal !== SEAL || typeof v.origin !== 'string' || typeof v.agentId !== 'string' || typeof v.password !== 'string') return undefined;
  return { seal: SEAL, origin: v.origin, agentId: v.agentId, password: v.password };
}

export function createBoundVault(cipher: SecretCipher, store: BlobStore): PasswordVault {
  const forget = (): void => store.delete(PASSWORD_CIPHER_KEY);
  return {
    get available() {
      return cipher.available();
    },
    load(binding) {
      if (!binding || !cipher.available()) return undefined;
      const blob = store.get(PASSWORD_CIPHER_KEY);
      if (typeof blob !== 'string' || blob === '') return undefined;
      let sealed: Sealed | undefined;
      try {
        sealed = unseal(cipher.decrypt(blob));
      } catch {
        sealed = undefined;
      }
      // Unreadable, from an older build without a binding, or remembered for another gateway or
      // agent: forget it rather than keep a password that will never be used again.
      if (!sealed || !sameBinding(sealed, binding)) {
        forget();
        return undefined;
      }
      return sealed.password;
    },
    save(password, binding) {
      if (!cipher.available()) return;
      const sealed: Sealed = { seal: SEAL, origin: binding.origin, agentId: binding.agentId, password };
      store.set(PASSWORD_CIPHER_KEY, cipher.encrypt(JSON.stringify(sealed)));
    },
    clear: forget,
  };
}

/** A plain in-memory cipher and store: for the browser preview and the tests (no keychain there). */
export function memoryVault(): PasswordVault {
  const blobs = new Map<string, unknown>();
  return createBoundVault(
    { available: () => true, encrypt: (plain) => plain, decrypt: (blob) => blob },
    { get: (key) => blobs.get(key), set: (key, value) => void blobs.set(key, value), delete: (key) => void blobs.delete(key) },
  );
}
