import { afterEach, describe, expect, it } from 'vitest';
import { TlsError } from '../../electron/core/errors';
import { client, closeAll, sim } from './helpers';

afterEach(closeAll);

describe('TLS trust', () => {
  it('refuses an untrusted certificate and sends nothing', async () => {
    const s = await sim();
    const c = client(s, { noCa: true });
    const failure = await c.signIn({ password: 'secret-pw' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TlsError);
    expect((failure as TlsError).message).toMatch(/not trusted.*Nothing was sent/);
    expect(s.stats.requests()).toHaveLength(0);
    expect(c.state).toMatchObject({ status: 'signed-out', code: expect.any(String) });
  });

  it('trusts a gateway through its configured CA and reports the handshake', async () => {
    const s = await sim();
    const c = client(s);
    await c.signIn({ password: 'pw' });
    expect(c.lastHandshake).toMatchObject({ trustedBy: 'configured CA', fingerprint256: s.fingerprint256 });
    expect(c.lastHandshake!.protocol).toMatch(/TLSv1\.[23]/);
  });

  it('trusts a self-signed gateway through a certificate pin, and only that certificate', async () => {
    // Sign-out while holding is refused by default; this test is about the pin, not sign-out.
    const s = await sim({ seed: { '1001': [{ caller: '1', called: '2' }] }, refuseSignOut: 'never' });
    const pinned = client(s, { pin: s.fingerprint256 });
    await pinned.signIn({ password: 'pw' });
    expect(pinned.lastHandshake?.trustedBy).toBe('certificate pin');
    // Every later connection is checked too (no resumed session slips past the pin).
    expect(await pinned.refresh()).toHaveLength(1);
    await pinned.signOut();

    const other = await sim();
    const wrong = client(other, { pin: s.fingerprint256 });
    await expect(wrong.signIn({ password: 'pw' })).rejects.toMatchObject({ kind: 'tls', code: 'PIN_MISMATCH' });
    expect(other.stats.requests()).toHaveLength(0);
  });

  it('keeps one connection per channel: 100 resumes cost no new handshakes', async () => {
    const s = await sim();
    const c = client(s);
    await c.signIn({ password: 'pw' });
    const before = s.stats.tlsHandshakes;
    for (let i = 0; i < 100; i += 1) {
      const id = s.script.holdNew('1001', { caller: `${i}`, called: '1' });
      expect((await c.resume(id)).ok).toBe(true);
    }
    expect(s.stats.tlsHandshakes - before).toBeLessThanOrEqual(2);
  });
});
