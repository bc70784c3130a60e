import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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
  const run = (args: string[]): Promise<{ code: number; stderr: string }> =>
    new Promise((resolve) => {
      execFile(TSX, [ENTRY, ...args], { env: { PATH: process.env.PATH!, HOME: process.env.HOME!, CEC_PASSWORD: 'pw' }, timeout: 30_000 }, (error, _stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stderr });
      });
    });

  // KNOWN CLIENT GAP, left to the owner of the CLI/session sign-out work (issue 7, item 4): the CLI
  // signs out when it is done and ignores a refusal, so with a call held (or after `resume`, which
  // leaves the agent talking) the agent stays signed in on the gateway until its 2-minute timeout,
  // and the next CLI run is refused with 100-002. Remove `.fails` once the CLI handles it.
  it.fails('lets a second `list` run right after the first', async () => {
    const s = await sim({ seed: { [AGENT]: [{ caller: '07700900123', called: '4001' }] } });
    const caFile = join(mkdtempSync(join(tmpdir(), 'cec-signout-')), 'ca.pem');
    writeFileSync(caFile, s.caPem);
    const args = ['--gateway', s.url, '--agent', AGENT, '--ca', caFile, 'list', '--json'];
    expect((await run(args)).code).toBe(0);
    const second = await run(args);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
  });
});
