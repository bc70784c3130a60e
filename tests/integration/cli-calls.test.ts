// The CLI's current-call commands (issue 8, item 7), run as IT staff run them: a separate process
// through the same tsx entry as `npm run cli`, against the simulator over HTTPS.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../electron/simulator/index';

const TSX = join(process.cwd(), 'node_modules/.bin/tsx');
const ENTRY = join(process.cwd(), 'electron/cli/main.ts');
const AGENT = '1001';

let s: Simulator;
let caFile: string;
let stateHome: string;

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { PATH: process.env.PATH!, HOME: process.env.HOME!, CEC_PASSWORD: 'pw', XDG_STATE_HOME: stateHome };
    execFile(TSX, [ENTRY, '--gateway', s.url, '--agent', AGENT, '--ca', caFile, ...args], { env, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

const voicecalls = (): string[] => s.stats.requests().filter((r) => r.path.startsWith('voicecall/')).map((r) => `${r.method} ${r.path.split('/')[2]}`);
const states = (): Record<string, string> => Object.fromEntries(s.script.calls(AGENT).map((c) => [c.callid, c.state]));

beforeAll(async () => {
  // Each run signs out at the end; a real gateway refuses that while calls are held (as the
  // simulator does by default), which is not what these tests are about.
  // Nor about the gateway's calldata budget, which runs in quick succession share (flow-control.test.ts is).
  s = await startSimulator({ pollWaitMs: 500, refuseSignOut: 'never', flowControl: false });
  caFile = join(mkdtempSync(join(tmpdir(), 'cec-cli-calls-')), 'ca.pem');
  writeFileSync(caFile, s.caPem);
});
afterAll(() => s.close());
beforeEach(() => {
  for (const call of s.script.calls(AGENT)) s.script.customerHangsUp(AGENT, call.callid);
  stateHome = mkdtempSync(join(tmpdir(), 'cec-state-'));
  s.stats.reset();
});

describe('CLI: the current call', () => {
  it('status --json: the session, the current call (from callinfo) and the held calls', async () => {
    const held = s.script.holdNew(AGENT, { caller: '40038', called: '2125550147', callfeature: 7, callskill: 'Sales' });
    const talking = s.script.talk(AGENT, { caller: '07700900123', called: '4001' });
    const run = await cli(['status', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const status = JSON.parse(run.stdout) as { session: string; current: Record<string, unknown>; held: Array<Record<string, unknown>> };
    expect(status.session).toBe('signed-in');
    expect(status.current).toEqual({
      callid: talking,
      caller: '07700900123',
      called: '4001',
      customer: '07700900123',
      direction: 'inbound',
      callfeature: 0,
      talkingSince: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(status.held).toEqual([
      {
        callid: held,
        caller: '40038',
        called: '2125550147',
        callskill: 'Sales',
        callfeature: 7,
        callfeatureLabel: 'Outbound',
        heldSince: expect.any(String),
        customer: '2125550147',
        direction: 'outbound',
        heldSinceExact: false,
      },
    ]);
  });

  it('status: readable, with the other party first and "≥" for a hold seen late', async () => {
    s.script.holdNew(AGENT, { caller: '40038', called: '2125550147', callfeature: 7 });
    const run = await cli(['status']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^No current call\.$/m);
    expect(run.stdout).toMatch(/^\*\s+\S+\s+2125550147\s+40038\s+2125550147\s+-\s+Outbound\s+≥ 0:0\d$/m);
  });

  it('heldSince is kept across runs in the state directory', async () => {
    s.script.holdNew(AGENT, { caller: '0161', called: '4001' });
    const first = JSON.parse((await cli(['list', '--json'])).stdout) as Array<{ heldSince: string }>;
    await new Promise((r) => setTimeout(r, 1_100));
    const second = JSON.parse((await cli(['list', '--json'])).stdout) as Array<{ heldSince: string }>;
    expect(second[0]!.heldSince).toBe(first[0]!.heldSince);
  });

  it('hold: holds the current call; exits 1 when there is none', async () => {
    const talking = s.script.talk(AGENT, { caller: '0161', called: '4001' });
    const run = await cli(['hold']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/On hold: 0161\./);
    expect(states()).toEqual({ [talking]: 'held' });
    const again = await cli(['hold']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/There is no call to hold/);
  });

  it('resume swaps while talking (hold, then gethold); --no-swap refuses without sending a hold', async () => {
    const held = s.script.holdNew(AGENT, { caller: '07700900123', called: '4001' });
    const talking = s.script.talk(AGENT, { caller: '0161', called: '4002' });
    const refused = await cli(['resume', held, '--no-swap']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/You are on a call with 0161/);
    expect(voicecalls()).toEqual([]);
    const run = await cli(['resume', '--top']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/0161 is on hold; you are talking to 07700900123 again\./);
    expect(voicecalls()).toEqual(['POST hold', 'POST gethold']);
    expect(states()).toEqual({ [held]: 'talking', [talking]: 'held' });
  });

  it('refuses --no-swap with other commands and --json with hold', async () => {
    expect((await cli(['list', '--no-swap'])).code).toBe(2);
    expect((await cli(['hold', '--json'])).code).toBe(2);
  });
});
