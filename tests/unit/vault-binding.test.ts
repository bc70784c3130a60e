// The remembered password is handed out only for the gateway origin and agent id it was
// remembered for (issue 7, item 8). Pure logic, no keychain: the cipher is injected.
import { describe, expect, it } from 'vitest';
import { createBoundVault, memoryVault, sameBinding, vaultBindingOf, type BlobStore } from '../../electron/app/vault-binding';

const A = vaultBindingOf('https://gw-a.example:8043/agentgateway/resource', '1001')!;

function store(): BlobStore & { blobs: Map<string, unknown> } {
  const blobs = new Map<string, unknown>();
  return { blobs, get: (k) => blobs.get(k), set: (k, v) => void blobs.set(k, v), delete: (k) => void blobs.delete(k) };
}

describe('vault binding', () => {
  it('binds to the origin only (scheme, host, port), never the path or credentials', () => {
    expect(A).toEqual({ origin: 'https://gw-a.example:8043', agentId: '1001' });
    expect(sameBinding(A, vaultBindingOf('https://gw-a.example:8043/other/prefix', '1001'))).toBe(true);
    expect(sameBinding(A, vaultBindingOf('https://gw-a.example:8044', '1001'))).toBe(false);
    expect(sameBinding(A, vaultBindingOf('https://gw-b.example:8043', '1001'))).toBe(false);
    expect(sameBinding(A, vaultBindingOf('https://gw-a.example:8043', '1002'))).toBe(false);
    expect(vaultBindingOf('http://gw-a.example:8043', '1001')).toBeUndefined();
    expect(vaultBindingOf('', '1001')).toBeUndefined();
    expect(vaultBindingOf('https://gw-a.example', '')).toBeUndefined();
    expect(vaultBindingOf('not a url', '1001')).toBeUndefined();
    expect(sameBinding(undefined, undefined)).toBe(false);
  });

  it('gives the password back only for the same gateway and agent, and forgets it when asked for another', () => {
    for (const other of [
      vaultBindingOf('https://evil.example:8043', '1001'),
      vaultBindingOf('https://gw-a.example:9443', '1001'),
      vaultBindingOf('https://gw-a.example:8043', '1002'),
    ]) {
      const vault = memoryVault();
      vault.save('pw', A);
      expect(vault.load(undefined)).toBeUndefined();
      expect(vault.load(A)).toBe('pw');
      expect(vault.load(other)).toBeUndefined();
      // Asked for elsewhere, it is gone for good: going back does not bring it back.
      expect(vault.load(A)).toBeUndefined();
    }
  });

  it('seals the binding inside the encrypted blob, so rewriting the store cannot rebind it', () => {
    const s = store();
    const cipher = { available: () => true, encrypt: (p: string) => Buffer.from(p).toString('base64'), decrypt: (b: string) => Buffer.from(b, 'base64').toString() };
    const vault = createBoundVault(cipher, s);
    vault.save('pw', A);
    const sealed = JSON.parse(cipher.decrypt(s.blobs.get('passwordCipher') as string)) as Record<string, string>;
    expect(sealed).toMatchObject({ origin: A.origin, agentId: '1001', password: 'pw' });
    // A blob tampered to name another gateway decrypts, but as another binding: not for A.
    s.blobs.set('passwordCipher', cipher.encrypt(JSON.stringify({ ...sealed, origin: 'https://evil.example' })));
    expect(vault.load(A)).toBeUndefined();
    expect(s.blobs.has('passwordCipher')).toBe(false);
  });

  it('remembers nothing when the keychain is unavailable', () => {
    const s = store();
    const vault = createBoundVault({ available: () => false, encrypt: (p) => p, decrypt: (b) => b }, s);
    vault.save('pw', A);
    expect(s.blobs.size).toBe(0);
    expect(vault.load(A)).toBeUndefined();
  });
});
