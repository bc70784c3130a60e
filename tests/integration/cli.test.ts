import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../electron/simulator/index';
import { MAX_HOLDLIST_ITEMS } from '../../electron/core/envelope';
import { tooOldMessage } from '../../electron/dev/require-node.mjs';
import { REQUIRED_NODE, nodeTooOld } from '../../electron/runtime/require-node';
import { createTranslator, english } from '../../shared/i18n';
import { buildEntry } from '../../scripts/build-cli.mjs';
import { isStale } from '../../scripts/run-built.mjs';

// The CLI is run as IT staff run it: the built single file (the package's bin), by plain node, in
// a separate process. It is rebuilt first if any of its sources changed, as `npm run cli` does.
const NODE = process.execPath;
const ENTRY = join(process.cwd(), 'dist/cli.js');
const PASSWORD = 'S3cret-Pw-7731';
/** Debian's own Node here is 20: what an IT workstation with an old Node would run. */
const OLD_NODE = '/usr/bin/node';
const OLD_NODE_VERSION = existsSync(OLD_NODE) ? execFileSync(OLD_NODE, ['-p', 'process.versions.node']).toString().trim() : undefined;
/** Loaded before the CLI: reports at exit whether undici was ever evaluated (it names its diagnostics channels as it loads). */
const UNDICI_PROBE =
  'data:text/javascript,import dc from "node:diagnostics_channel";const c=dc.channel;let seen=false;' +
  'dc.channel=(n)=>{if(String(n).startsWith("undici:"))seen=true;return c(n)};' +
  'process.on("exit",()=>process.stderr.write("undici loaded: "+seen+"\\n"))';
const AGENT = '1001';

let s: Simulator;
let caFile: string;
const stateHome = mkdtempSync(join(tmpdir(), 'cec-cli-state-'));
const outputs: string[] = [];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}, node: string[] = [NODE]): Promise<Run> {
  const [binary, ...nodeArgs] = node;
  return new Promise((resolve) => {
    // XDG_STATE_HOME: the CLI's hold times go to a throwaway directory, not the tester's own.
    execFile(binary!, [...nodeArgs, ENTRY, ...args], { env: { PATH: process.env.PATH!, HOME: process.env.HOME!, XDG_STATE_HOME: stateHome, CEC_PASSWORD: PASSWORD, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      outputs.push(stdout, stderr);
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

const base = (): string[] => ['--gateway', s.url, '--agent', AGENT, '--ca', caFile];

beforeAll(async () => {
  if (isStale('cli')) await buildEntry('cli');
  if (isStale('simulator')) await buildEntry('simulator');
  // The simulator refuses sign-out while talking or holding by default, as the gateway does (issue 7,
  // item 5); these tests are about the commands, so they keep the sign-out that always worked. What
  // the CLI does when a sign-out is refused is shown in tests/integration/signout-refused.test.ts.
  // Flow control off as well: every CLI run here signs in and reads the held list, several within the
  // gateway's 5-queries-per-2-s window, which is not what these tests are about (the simulator's flow
  // control is tested in simulator-fidelity.test.ts).
  s = await startSimulator({ pollWaitMs: 500, passwords: { [AGENT]: PASSWORD }, refuseSignOut: 'never', flowControl: false });
  caFile = join(mkdtempSync(join(tmpdir(), 'cec-cli-')), 'ca.pem');
  writeFileSync(caFile, s.caPem);
});

afterAll(async () => {
  await s.close();
});

const held = (): string[] => s.script.calls(AGENT).filter((c) => c.state === 'held').map((c) => c.callid);
function clearCalls(): void {
  for (const call of s.script.calls(AGENT)) s.script.customerHangsUp(AGENT, call.callid);
}

describe('headless CLI', () => {
  it('--help prints the usage without loading the gateway client', async () => {
    const run = await cli(['--help'], {}, [NODE, '--import', UNDICI_PROBE]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: cec-held-calls/);
    expect(run.stderr).toContain('undici loaded: false');
    // The probe can tell: a command that signs in does load it.
    const list = await cli([...base(), 'list'], {}, [NODE, '--import', UNDICI_PROBE]);
    expect(list.stderr).toContain('undici loaded: true');
  });

  it('npm run cli rebuilds the bundle when a source is newer, and only then', async () => {
    const source = join(process.cwd(), 'electron/cli/output.ts');
    // The bundle is dated a minute back and the source now, so the source is newer without any
    // file dated in the future (which would keep even a fresh rebuild stale).
    const past = new Date(Date.now() - 60_000);
    utimesSync(ENTRY, past, past);
    const builtAt = statSync(ENTRY).mtimeMs;
    const now = new Date();
    utimesSync(source, now, now);
    expect(isStale('cli')).toBe(true);
    const launcher = (): Promise<Run> => new Promise((resolve) => execFile(NODE, ['scripts/run-built.mjs', 'cli', '--help'], { timeout: 60_000 }, (error, stdout, stderr) => resolve({ code: error ? -1 : 0, stdout, stderr })));
    const run = await launcher();
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: cec-held-calls/);
    expect(statSync(ENTRY).mtimeMs).toBeGreaterThan(builtAt);
    expect(isStale('cli')).toBe(false);
    const rebuiltAt = statSync(ENTRY).mtimeMs;
    await launcher();
    expect(statSync(ENTRY).mtimeMs).toBe(rebuiltAt);
  }, 60_000);

  it.skipIf(OLD_NODE_VERSION === undefined || !nodeTooOld(OLD_NODE_VERSION))(`refuses an old Node (${OLD_NODE} ${OLD_NODE_VERSION}) in one line, without a stack trace`, async () => {
    const run = await cli([...base(), 'list'], {}, [OLD_NODE]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([tooOldMessage(OLD_NODE_VERSION!, `>=${REQUIRED_NODE}`)]);
  });

  it('check: signs in as busy, reports TLS and round trip, signs out', async () => {
    const run = await cli([...base(), 'check']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Reachable:\s+yes/);
    expect(run.stdout).toMatch(/TLS:\s+TLSv1\.[23].*trusted by configured CA/);
    expect(run.stdout).toContain(s.fingerprint256);
    expect(run.stdout).toMatch(/Round trip:\s+[\d.]+ ms/);
    expect(run.stdout).toMatch(/Signed out:\s+yes/);
    expect(s.agentStatus(AGENT)).toBeUndefined();
  });

  it('list --json: one JSON array, top first, numbers kept as strings', async () => {
    clearCalls();
    s.script.holdNew(AGENT, { caller: '07700900123', called: '4001', callskill: 'Billing', callfeature: 0 });
    s.script.holdNew(AGENT, { caller: '0161', called: '4002', callskill: 'Sales', callfeature: 7 });
    const run = await cli([...base(), 'list', '--json']);
    expect(run.code).toBe(0);
    const list = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(list.map((c) => c.caller)).toEqual(['07700900123', '0161']);
    for (const key of ['callid', 'caller', 'called', 'callskill', 'callfeature', 'heldSince']) expect(list[0]).toHaveProperty(key);
    expect(list[1]).toMatchObject({ callfeature: 7, callskill: 'Sales' });
    expect(Number.isNaN(Date.parse(String(list[0]!.heldSince)))).toBe(false);
  });

  it('list: a held list longer than the client reads is cut, never empty, and says so', async () => {
    clearCalls();
    for (let i = 0; i < MAX_HOLDLIST_ITEMS + 5; i += 1) s.script.holdNew(AGENT, { caller: `0300${i}`, called: '4001' });
    const json = await cli([...base(), 'list', '--json']);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as unknown[]).length).toBe(MAX_HOLDLIST_ITEMS);
    const note = english.text('list.truncated', { total: MAX_HOLDLIST_ITEMS + 5, shown: MAX_HOLDLIST_ITEMS });
    expect(note).toBe('The gateway lists 1,005 held calls; only the first 1,000 are shown.');
    expect(json.stderr).toContain(note);
    const table = await cli([...base(), 'list']);
    expect(table.stdout).toMatch(/^\*\s+\S+\s+03000\s/m);
    expect(table.stderr).toContain(note);
    // Back to the two calls the next tests expect.
    clearCalls();
    s.script.holdNew(AGENT, { caller: '07700900123', called: '4001', callskill: 'Billing', callfeature: 0 });
    s.script.holdNew(AGENT, { caller: '0161', called: '4002', callskill: 'Sales', callfeature: 7 });
  });

  it('list: a readable table marking the top call', async () => {
    const run = await cli([...base(), 'list'], { CEC_GATEWAY: s.url });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\*\s+\S+\s+07700900123/m);
  });

  it('resume --top resumes the call held longest; resume CALLID resumes that one', async () => {
    const [first, second] = held();
    const top = await cli([...base(), 'resume', '--top']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/Resumed/);
    expect(s.script.calls(AGENT).find((c) => c.callid === first)!.state).toBe('talking');
    s.script.release(AGENT, first);
    const byId = await cli([...base(), 'resume', second!]);
    expect(byId.code).toBe(0);
    expect(s.script.calls(AGENT).find((c) => c.callid === second)!.state).toBe('talking');
  });

  it('exits 1 when there is nothing to resume', async () => {
    clearCalls();
    const run = await cli([...base(), 'resume', '--top']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/No call is on hold/);
  });

  it('exits 3 with the retcode and the catalogue message when the gateway refuses', async () => {
    clearCalls();
    const id = s.script.holdNew(AGENT, { caller: '1', called: '2' });
    const run = await cli([...base(), 'connect', id]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/\(200-005\): Connect needs a current call/);
    const wrong = await cli([...base(), 'list'], { CEC_PASSWORD: 'nope' });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/100-004.*Wrong agent id or password/);
    expect(wrong.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [[], /No command/],
    [['frobnicate'], /Unknown command/],
    [['list', '--top'], /--top only goes with resume/],
    [['resume'], /exactly one call id/],
    [['resume', '../../logout'], /not a valid call id/],
    [['watch', '--duration', 'soon'], /--duration takes a number/],
  ])('exits 2 on usage error %j', async (args, message) => {
    const run = await cli([...base(), ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('exits 2 on configuration errors', async () => {
    expect((await cli(['--gateway', 'http://127.0.0.1:1', '--agent', AGENT, 'list'])).stderr).toMatch(/https/);
    const noPassword = await cli([...base(), '--password-env', 'NOT_SET_ANYWHERE', 'list']);
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toMatch(/NOT_SET_ANYWHERE.*not set/);
    expect((await cli(['--gateway', s.url, '--agent', '12', 'list'])).code).toBe(2);
    expect((await cli([...base().slice(0, 4), '--ca', '/nonexistent/ca.pem', 'list'])).code).toBe(2);
  });

  it('exits 4 on TLS failure without sending a request, and on a refused connection', async () => {
    s.stats.reset();
    const untrusted = await cli(['--gateway', s.url, '--agent', AGENT, 'list']);
    expect(untrusted.code).toBe(4);
    expect(untrusted.stderr).toMatch(/not trusted.*Nothing was sent/);
    const wrongPin = await cli(['--gateway', s.url, '--agent', AGENT, '--pin', '00'.repeat(32), 'list']);
    expect(wrongPin.code).toBe(4);
    expect(s.stats.requests()).toHaveLength(0);
    const refused = await cli(['--gateway', 'https://127.0.0.1:9', '--agent', AGENT, 'list']);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/refused the connection/);
  });

  it('watch --json prints the whole list on every change, stays busy, and exits 0 after the duration', async () => {
    clearCalls();
    const child = spawn(NODE, [ENTRY, ...base(), 'watch', '--json', '--duration', '3'], { env: { PATH: process.env.PATH!, HOME: process.env.HOME!, CEC_PASSWORD: PASSWORD } });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => outputs.push(d.toString()));
    const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
    const deadline = Date.now() + 10_000;
    while (!stdout.includes('\n') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(s.agentStatus(AGENT)).toBe(3);
    const a = s.script.holdNew(AGENT, { caller: '0201', called: '1' });
    await new Promise((r) => setTimeout(r, 400));
    const b = s.script.holdNew(AGENT, { caller: '0202', called: '1' });
    expect(await exited).toBe(0);
    outputs.push(stdout);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as { held: Array<{ callid: string }>; session: string });
    expect(lines[0]!.held).toEqual([]);
    expect(lines.at(-1)!.held.map((h) => h.callid)).toEqual([a, b]);
    expect(lines.some((l) => l.held.length === 1)).toBe(true);
  });

  describe('language (--lang, LC_ALL, LC_MESSAGES, LANG)', () => {
    const zh = createTranslator('zh-CN');

    it('--lang zh-CN and LANG=zh_CN.UTF-8 speak Simplified Chinese, usage included', async () => {
      for (const [args, env] of [[['--lang', 'zh-CN'], {}], [['--lang=zh-CN'], {}], [[], { LANG: 'zh_CN.UTF-8' }], [[], { LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_GB.UTF-8' }]] as const) {
        const run = await cli([...args], env);
        expect(run.code, JSON.stringify([args, env])).toBe(2);
        expect(run.stderr).toContain(zh.text('cli.usage.no-command'));
        expect(run.stderr).toContain(zh.text('cli.usage').split('\n')[0]);
        expect(run.stderr).not.toContain(english.text('cli.usage.no-command'));
      }
    });

    it('--lang beats the environment; LC_ALL beats LANG; LC_ALL=C is English', async () => {
      expect((await cli(['--lang', 'en'], { LANG: 'zh_CN.UTF-8' })).stderr).toContain('No command given.');
      expect((await cli([], { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).stderr).toContain('No command given.');
      expect((await cli([], { LC_ALL: 'C', LANG: 'zh_CN.UTF-8' })).stderr).toContain('No command given.');
      expect((await cli([], { LC_ALL: 'zh_CN.UTF-8', LANG: 'en_GB.UTF-8' })).stderr).toContain(zh.text('cli.usage.no-command'));
    });

    it('refuses a language it does not have', async () => {
      const run = await cli([...base(), '--lang', 'fr', 'list']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(english.text('cli.usage.bad-lang'));
    });

    it('the table and refusals are translated; --json is not', async () => {
      clearCalls();
      const id = s.script.holdNew(AGENT, { caller: '07700900123', called: '4001', callskill: 'Billing', callfeature: 0 });
      const table = await cli([...base(), '--lang', 'zh-CN', 'list']);
      expect(table.code).toBe(0);
      expect(table.stdout).toContain(zh.text('cli.top-note'));
      expect(table.stdout).toContain(zh.text('callfeature.0'));
      const jsonZh = await cli([...base(), '--lang', 'zh-CN', 'list', '--json'], { LANG: 'zh_CN.UTF-8' });
      const jsonEn = await cli([...base(), 'list', '--json']);
      const strip = (text: string) => (JSON.parse(text) as Array<Record<string, unknown>>).map(({ heldSince: _h, ...rest }) => rest);
      expect(strip(jsonZh.stdout)).toEqual(strip(jsonEn.stdout));
      expect(jsonZh.stdout).toContain('"callfeatureLabel":"Inbound"');
      expect(jsonZh.stdout).not.toMatch(/[\u4e00-\u9fff]/);
      const refused = await cli([...base(), '--lang', 'zh-CN', 'connect', id]);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain(zh.text('cli.refused', { code: '200-005', message: { id: 'gateway.200-005' } }));
    });
  });

  it('never prints the password, the Guid or the sign-in cookie', async () => {
    const guids = new Set(s.stats.requests().map((r) => r.guidPresented).filter((g): g is string => !!g));
    const all = outputs.join('\n');
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain(PASSWORD);
    for (const guid of guids) expect(all).not.toContain(guid);
    expect(all).not.toMatch(/JSESSIONID|AGWROUTE/);
  });
});

describe('simulator command (dist/simulator.js)', () => {
  const SIMULATOR = join(process.cwd(), 'dist/simulator.js');
  const run = (node: string, args: string[]): Promise<Run> =>
    new Promise((resolve) => {
      execFile(node, [SIMULATOR, ...args], { timeout: 20_000 }, (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }));
    });

  it('starts, prints how to connect, and serves the gateway API', async () => {
    const child = spawn(NODE, [SIMULATOR, '--port', '18143', '--agent', '1002'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const deadline = Date.now() + 15_000;
    while (!out.includes('SHA-256') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    try {
      expect(out).toMatch(/CC-Gateway simulator ready/);
      const url = /URL\s+(\S+)/.exec(out)![1]!;
      const ca = /CA file\s+(\S+)/.exec(out)![1]!;
      const list = await cli(['--gateway', url, '--agent', '1002', '--ca', ca, 'list', '--json']);
      expect((JSON.parse(list.stdout) as unknown[]).length).toBe(3);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it.skipIf(OLD_NODE_VERSION === undefined || !nodeTooOld(OLD_NODE_VERSION))('refuses an old Node in one line', async () => {
    const result = await run(OLD_NODE, ['--help']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toBe(`${tooOldMessage(OLD_NODE_VERSION!, `>=${REQUIRED_NODE}`)}\n`);
  });
});
