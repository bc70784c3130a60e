import { fstatSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { requireNode } from '../runtime/require-node';
import type { FaultSpec, Simulator, SimulatorOptions } from './index';

// `npm run simulator` (built into dist/simulator.js): a CC-Gateway on this machine, seeded with
// held calls, for trying the app or the CLI without a contact centre. Only Node's own modules
// load before the version check; the simulator itself loads once the options are read.
requireNode();

const USAGE = `Usage: npm run simulator -- [options]
  --port N            HTTPS port (default 8043; a free port is used if it is taken)
  --agent ID          agent id (default 1001)
  --password PW       require this password (default: any password)
  --poll-wait MS      long-poll wait (default 10000)
  --guid-interval MS  Guid rotation period (default 60000)
  --static-guid       static Guid (AUTHMODE=1) instead of dynamic
  --prefix /path      serve under /path/agentgateway/resource
  --require-cookie    refuse requests without the sign-in cookie (default: optional, as on real gateways)
  --flaky-polls P     answer this share of event polls (0..1) with a transient 000-003
  --seed N            seed for --flaky-polls, so a run can be repeated (default 1)`;

const COMMANDS = `Commands: hold <caller> [skill] | talk <caller> | hangup <callid> | calls | signout | help | quit`;

const CALLED = '40038';

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) <= 0) throw new Error(`${flag} needs a positive number, got "${value}"`);
  return Number(value);
}

function share(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d*\.?\d+$/.test(value) || n > 1) throw new Error(`${flag} needs a number from 0 to 1, got "${value}"`);
  return n;
}

interface Parsed {
  options: SimulatorOptions;
  agentId: string;
  port: number;
  password?: string;
  faults: FaultSpec[];
}

async function parseOptions(): Promise<Parsed> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      agent: { type: 'string' },
      password: { type: 'string' },
      'poll-wait': { type: 'string' },
      'guid-interval': { type: 'string' },
      'static-guid': { type: 'boolean' },
      prefix: { type: 'string' },
      'require-cookie': { type: 'boolean' },
      'flaky-polls': { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const { isAgentId } = await import('./gateway-routes');
  const agentId = values.agent ?? '1001';
  if (!isAgentId(agentId)) throw new Error(`--agent must be an agent id from 101 to 999999, got "${agentId}"`);
  const guidIntervalMs = positiveInt(values['guid-interval'], '--guid-interval');
  const options: SimulatorOptions = {
    authMode: values['static-guid'] ? 'static' : 'dynamic',
    pollWaitMs: positiveInt(values['poll-wait'], '--poll-wait'),
    guidIntervalMs,
    // Expiry must exceed the interval; keep the gateway's 2:1 default ratio.
    guidExpiryMs: guidIntervalMs === undefined ? undefined : Math.max(120_000, guidIntervalMs * 2),
    pathPrefix: values.prefix,
    requireCookie: values['require-cookie'] ?? false,
    passwords: values.password === undefined ? undefined : { [agentId]: values.password },
    seed: {
      [agentId]: [
        { caller: '07700900123', called: CALLED, callskill: 'Billing', callfeature: 0 },
        { caller: '4155550123', called: CALLED, callskill: 'Support', callfeature: 0 },
        { caller: CALLED, called: '2125550147', callskill: 'Support', callfeature: 7 },
      ],
    },
  };
  const flaky = share(values['flaky-polls'], '--flaky-polls');
  const seed = values.seed === undefined ? 1 : positiveInt(values.seed, '--seed');
  const faults: FaultSpec[] = flaky
    ? [{ kind: 'retcode', retcode: '000-003', message: 'no permission (simulated transient)', match: { path: 'agentevent' }, probability: flaky, seed, times: Infinity }]
    : [];
  return { options, agentId, port: positiveInt(values.port, '--port') ?? 8043, password: values.password, faults };
}

async function startOnPort(options: SimulatorOptions, port: number): Promise<Simulator> {
  const { startSimulator } = await import('./index');
  try {
    return await startSimulator({ ...options, port });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    const sim = await startSimulator({ ...options, port: 0 });
    console.log(`Port ${port} is taken; using ${sim.port} instead.`);
    return sim;
  }
}

function printBanner(sim: Simulator, agentId: string, caFile: string, password: string | undefined): void {
  const pw = password ?? 'x';
  console.log(`CC-Gateway simulator ready
  URL          ${sim.url}
  Agent        ${agentId} (${password === undefined ? 'any password' : 'password required'})
  CA file      ${caFile}
  SHA-256      ${sim.fingerprint256}

Try:
  CEC_PASSWORD=${pw} npm run cli -- --gateway ${sim.url} --agent ${agentId} --ca ${caFile} --password-env CEC_PASSWORD list
  curl --cacert ${caFile} -i -X PUT ${sim.url}/agentgateway/resource/onlineagent/${agentId} -H 'Content-Type: application/json' -d '{"password":"${pw}"}'

${COMMANDS}`);
}

function runCommand(sim: Simulator, agentId: string, line: string): boolean {
  const [command, ...args] = line.trim().split(/\s+/);
  const s = sim.script;
  switch (command) {
    case undefined:
    case '':
      return true;
    case 'hold': {
      if (!args[0]) throw new Error('hold <caller> [skill]');
      console.log(`held ${s.holdNew(agentId, { caller: args[0], called: CALLED, callskill: args[1] ?? 'Support' })}`);
      return true;
    }
    case 'talk':
      if (!args[0]) throw new Error('talk <caller>');
      console.log(`talking ${s.talk(agentId, { caller: args[0], called: CALLED, callskill: 'Support' })}`);
      return true;
    case 'hangup':
      if (!args[0]) throw new Error('hangup <callid>');
      s.customerHangsUp(agentId, args[0]);
      console.log(`customer hung up ${args[0]}`);
      return true;
    case 'calls': {
      const calls = s.calls(agentId);
      if (calls.length === 0) console.log('no calls');
      for (const c of calls) console.log(`${c.callid}  ${c.state.padEnd(7)}  ${c.caller} -> ${c.called}  ${c.callskill}  (feature ${c.callfeature})`);
      return true;
    }
    case 'signout':
      s.forceSignOut(agentId);
      console.log(`agent ${agentId} signed out by the gateway`);
      return true;
    case 'help':
      console.log(COMMANDS);
      return true;
    case 'quit':
    case 'exit':
      return false;
    default:
      throw new Error(`unknown command "${command}". ${COMMANDS}`);
  }
}

/** Only an interactive terminal or a pipe carries commands; /dev/null or a closed stdin does not. */
function stdinCarriesCommands(): boolean {
  if (process.stdin.isTTY) return true;
  try {
    return fstatSync(0).isFIFO();
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const { options, agentId, port, password, faults } = await parseOptions();
  const sim = await startOnPort(options, port);
  for (const fault of faults) sim.faults.add(fault);
  const dir = mkdtempSync(join(tmpdir(), 'cec-simulator-'));
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, sim.caPem);
  printBanner(sim, agentId, caFile, password);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
    console.log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  if (!stdinCarriesCommands()) return;
  const rl = createInterface({ input: process.stdin, terminal: Boolean(process.stdin.isTTY) });
  // A terminal in raw mode turns Ctrl+C into a readline event rather than a signal.
  rl.on('SIGINT', () => void stop());
  rl.on('line', (line) => {
    try {
      if (!runCommand(sim, agentId, line)) void stop();
    } catch (err) {
      console.log(err instanceof Error ? err.message : String(err));
    }
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
