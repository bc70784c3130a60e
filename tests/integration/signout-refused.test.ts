import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { english } from '../../shared/i18n';
import { AGENT, client, closeAll, heldIds, sim, waitFor } from './helpers';

// The simulator now refuses sign-out while talking or holding (100-010), as the gateway does
// (issue 7, item 5). These tests show what the client does with that refusal.

afterEach(closeAll);

describe('a refused sign-out', () => {
  it('keeps the session, the list and the event loop; sign-out works once no call is held', async () => {
    const s = await sim({ seed: { [AGENT]: [{ callid: 'held-1', caller: '07700900123', called: '4001' }] } });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    expect(heldIds(c)).toEqual(['held-1']);
    await expect(c.signOut()).rejects.toMatchObject({ code: '100-010', kind: 'call-state' });
    expect(c.state.status).not.toBe('signed-out');
    expect(s.agentStatus(AGENT)).toBe(4);
    // Events still arrive: the poll loop was restarted after the refusal.
    const second = s.script.holdNew(AGENT, { caller: '0161', called: '4001' });
    await waitFor(() => heldIds(c).includes(second), 5_000, 'the new hold to arrive');
    s.script.customerHangsUp(AGENT, 'held-1');
    s.script.customerHangsUp(AGENT, second);
    await waitFor(() => heldIds(c).length === 0, 5_000, 'the list to empty');
    await c.signOut();
    expect(c.state.status).toBe('signed-out');
    expect(s.agentStatus(AGENT)).toBeUndefined();
  });
});

describe('the CLI with calls held', () => {
  const TSX = join(process.cwd(), 'node_modules/.bin/tsx');
  const ENTRY = join(process.cwd(), 'electron/cli/main.ts');
  const stateHome = mkdtempSync(join(tmpdir(), 'cec-signout-state-'));
  const run = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      const env = { PATH: process.env.PATH!, HOME: process.env.HOME!, XDG_STATE_HOME: stateHome, CEC_PASSWORD: 'pw', LANG: 'en_GB.UTF-8' };
      execFile(TSX, [ENTRY, ...args], { env, timeout: 30_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      });
    });
  const setUp = async () => {
    const s = await sim({ seed: { [AGENT]: [{ caller: '07700900123', called: '4001' }] } });
    const caFile = join(mkdtempSync(join(tmpdir(), 'cec-signout-')), 'ca.pem');
    writeFileSync(caFile, s.caPem);
    return { s, base: ['--gateway', s.url, '--agent', AGENT, '--ca', caFile] };
  };

  // The real gateway refuses sign-out while calls are held and keeps the session about 2 minutes:
  // a second run in that window is refused with 100-002. The CLI cannot tell for sure that the
  // session is still its own (an agent may have taken it over since), so it never takes it over by
  // itself: it says what happened at the end of the first run, and names it in the second.
  it('says when the gateway kept its session, and the next run names that session as its own', async () => {
    const { s, base } = await setUp();
    const first = await run([...base, 'list', '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toHaveLength(1);
    expect(first.stderr).toContain(english.text('cli.sign-out-kept', { reason: '' }).split(':')[0]);
    expect(first.stderr).toContain('100-010');
    expect(s.agentStatus(AGENT)).toBeDefined();

    const second = await run([...base, 'list', '--json']);
    expect(second.code).toBe(3);
    expect(second.stderr).toContain('100-002');
    expect(second.stderr).toMatch(/probably the session of this tool's own run at \d\d:\d\d/);
    expect(second.stderr).toContain('--force-login');

    // Taken over on purpose: it works, and the hint is gone with the session it was about.
    const third = await run([...base, '--force-login', 'list', '--json']);
    expect(third.code).toBe(0);
    expect(JSON.parse(third.stdout)).toHaveLength(1);
  });

  it('a session nobody left open here gets the plain hint', async () => {
    const { s, base } = await setUp();
    const other = client(s);
    await other.signIn({ password: 'pw' });
    const refused = await run([...base, 'list']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(english.text('cli.force-hint'));
    expect(refused.stderr).not.toContain('own run');
  });

  it('check passes with calls held, and reports the refused sign-out as such', async () => {
    const { base } = await setUp();
    const checked = await run([...base, '--force-login', 'check']);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain(english.text('cli.check.signed-out-refused', { code: '100-010' }));
    expect(checked.stdout).not.toContain(english.text('cli.check.signed-out'));
    // One sign-out request, not one from check and another at the end of the run.
    expect(checked.stderr.match(/100-010/g)).toHaveLength(1);
  });
});
