// Issue 7 in the headless CLI, run as IT staff run it (a separate process through tsx) against the
// simulator over real HTTPS: a list that could not be read exits 4 and never prints [], status,
// watch lines that say how fresh the list is and show signing in again, escape-free output.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../electron/simulator/index';

const TSX = join(process.cwd(), 'node_modules/.bin/tsx');
const ENTRY = join(process.cwd(), 'electron/cli/main.ts');
const PASSWORD = 'S3cret-Pw-4412';
const AGENT = '1001';
// XDG_STATE_HOME: the CLI's state files (hold times, sessions left open) go to a throwaway directory.
const STATE_HOME = mkdtempSync(join(tmpdir(), 'cec-cli-state-'));
const ENV = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH!, HOME: process.env.HOME!, XDG_STATE_HOME: STATE_HOME, CEC_PASSWORD: PASSWORD });

let s: Simulator;
let caFile: string;

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, [ENTRY, '--gateway', s.url, '--agent', AGENT, '--ca', caFile, ...args], { env: ENV(), timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

function clearCalls(): void {
  for (const call of s.script.calls(AGENT)) s.script.customerHangsUp(AGENT, call.callid);
}

beforeAll(async () => {
  // Calls stay on hold between runs here; a real gateway would refuse each run's sign-out and keep
  // the session ~2 min, so the next run would need --force-login (signout-refused.test.ts shows that).
  s = await startSimulator({ pollWaitMs: 500, passwords: { [AGENT]: PASSWORD }, refuseSignOut: 'never' });
  caFile = join(mkdtempSync(join(tmpdir(), 'cec-cli-')), 'ca.pem');
  writeFileSync(caFile, s.caPem);
});
afterEach(() => s.faults.clear());
afterAll(() => s.close());

const UNREADABLE = { match: { path: 'holdlist' }, kind: 'malformed', times: Infinity } as const;

describe('CLI: a held list that could not be read', () => {
  it('list --json exits 4 with a clear message and prints no [] while a call is on hold', async () => {
    clearCalls();
    s.script.holdNew(AGENT, { caller: '0770', called: '4001' });
    s.faults.add(UNREADABLE);
    const run = await cli(['list', '--json']);
    expect(run.code).toBe(4);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^The held list could not be read: The gateway sent an answer the app could not read\./);
    const text = await cli(['list']);
    expect(text.code).toBe(4);
    expect(text.stdout).not.toMatch(/No calls on hold/);
  });

  it('list reads again when the gateway says "try again in a moment" (000-007, flow control), and succeeds', async () => {
    clearCalls();
    const id = s.script.holdNew(AGENT, { caller: '0770', called: '4001' });
    s.faults.add({ match: { path: 'holdlist' }, kind: 'retcode', retcode: '000-007', times: 1 });
    const run = await cli(['list', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject([{ callid: id }]);
    expect(s.stats.count({ path: 'holdlist' })).toBeGreaterThanOrEqual(2);
  });

  it('status --json says the list is unknown, with held null (never []), and exits 4', async () => {
    s.faults.add(UNREADABLE);
    const run = await cli(['status', '--json']);
    expect(run.code).toBe(4);
    expect(JSON.parse(run.stdout)).toEqual({ session: 'signed-in', agent: AGENT, gateway: s.url, current: null, list: 'unknown', held: null });
    expect(run.stderr).toMatch(/could not be read/);
  });

  it('status --json when all is well: the session, a fresh list and the calls', async () => {
    clearCalls();
    const id = s.script.holdNew(AGENT, { caller: '0770', called: '4001' });
    const run = await cli(['status', '--json']);
    expect(run.code, `${run.stderr}|${run.stdout}`).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ session: 'signed-in', list: 'fresh', held: [{ callid: id, caller: '0770' }] });
    const text = await cli(['status']);
    expect(text.code, `${text.stderr}|${text.stdout}`).toBe(0);
    expect(text.stdout).toMatch(/Held list:\s+fresh, read 0:0\d ago/);
    expect(text.stdout).toMatch(/Held calls:\s+1/);
  });
});

describe('CLI: gateway text and call ids', () => {
  it('never lets terminal escapes from the gateway through, in text or JSON', async () => {
    // The gateway's calldata budget (5 per 2 s per agent) is shared by every run for this agent,
    // and the status runs just before also read the current call: let the window pass.
    await new Promise((r) => setTimeout(r, 2_100));
    clearCalls();
    const caller = '\u001b[2J\u001b]0;owned\u0007\u009b31m0770\u202e';
    s.script.holdNew(AGENT, { caller, called: '4001', callskill: '\u001b[5mSales' });
    const controls = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;
    const text = await cli(['list']);
    expect(text.code).toBe(0);
    expect(text.stdout).not.toMatch(controls);
    expect(text.stdout).toContain('[2J]0;owned31m0770');
    const json = await cli(['list', '--json']);
    expect(json.stdout.trim()).not.toMatch(controls);
    expect((JSON.parse(json.stdout) as Array<{ caller: string }>)[0]!.caller).toBe(caller);
  });

  it('resume --top skips a held call listed under an invalid id and resumes the valid one below it', async () => {
    clearCalls();
    const restarted = await startSimulator({
      pollWaitMs: 500,
      passwords: { [AGENT]: PASSWORD },
      seed: { [AGENT]: [{ callid: 'bad id', caller: '1', called: '1' }, { callid: 'good-7', caller: '2', called: '2' }] },
    });
    const ca = join(mkdtempSync(join(tmpdir(), 'cec-cli-')), 'ca.pem');
    writeFileSync(ca, restarted.caPem);
    try {
      const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
        execFile(TSX, [ENTRY, '--gateway', restarted.url, '--agent', AGENT, '--ca', ca, 'resume', '--top'], { env: ENV(), timeout: 30_000 }, (error, stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
        ),
      );
      expect(run.code).toBe(0);
      expect(restarted.script.calls(AGENT).find((c) => c.callid === 'good-7')!.state).toBe('talking');
    } finally {
      await restarted.close();
    }
  });
});

describe('CLI: watch', () => {
  it('carries "list" on every JSON line and signs in again by itself after a supervisor sign-out', async () => {
    clearCalls();
    const child = spawn(TSX, [ENTRY, '--gateway', s.url, '--agent', AGENT, '--ca', caFile, 'watch', '--json', '--duration', '9'], { env: ENV() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
    const until = async (check: () => boolean, ms: number): Promise<void> => {
      const deadline = Date.now() + ms;
      while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    };
    await until(() => stdout.includes('\n'), 10_000);
    const id = s.script.holdNew(AGENT, { caller: '0201', called: '1' });
    // Held, not just current (watch lines also carry the current call since issue 8).
    await until(() => stdout.includes(`"held":[{"callid":"${id}"`), 5_000);
    s.script.forceSignOut(AGENT);
    await until(() => /"session":"signed-in"/.test(stdout.split('"reconnecting"').slice(1).join('')), 8_000);
    expect(await exited).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as { session: string; list: string; held: Array<{ callid: string }>; attempt?: number; retryAt?: string });
    expect(lines.every((l) => ['fresh', 'stale', 'unknown'].includes(l.list))).toBe(true);
    expect(lines[0]).toMatchObject({ session: 'signed-in', list: 'fresh', held: [] });
    const waiting = lines.find((l) => l.session === 'reconnecting' && l.retryAt !== undefined)!;
    expect(waiting).toMatchObject({ attempt: 1, list: 'stale', held: [{ callid: id }] });
    expect(Number.isNaN(Date.parse(waiting.retryAt!))).toBe(false);
    expect(lines.at(-1)).toMatchObject({ session: 'signed-in', list: 'fresh', held: [{ callid: id }] });
    expect(stderr).toMatch(/Session: reconnecting: Reconnecting \(attempt 1, next in \d s\)/);
    expect(stdout + stderr).not.toContain(PASSWORD);
    expect(s.stats.count({ path: 'forcelogin' })).toBe(0);
  }, 30_000);
});
