// CLI cold start, as IT scripts run it: the built file by plain node (the package's bin), beside
// a bare `node -e 0` in the same run, and through `npm run cli` for reference. Runs interleave so
// the machine's load affects each the same way. `list --json` runs against the simulator; its
// gateway phase (first request received to last request received, from the simulator's log) is
// subtracted to show the CLI's own cost.
//   BENCH_CLI=tsx   measure the old way (tsx electron/cli/main.ts) instead of dist/cli.js
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../../electron/simulator/index';
import { AGENT, median } from './util';

export interface CliStartFigures {
  runs: number;
  nodeBare: number;
  help: number;
  list: number;
  listGatewayPhase: number;
  listMinusGateway: number;
  npmHelp: number;
}

export async function cliStart(runs: number): Promise<CliStartFigures> {
  const root = process.cwd();
  const viaTsx = process.env.BENCH_CLI === 'tsx';
  if (!viaTsx) {
    const { isStale } = await import('../../scripts/run-built.mjs');
    const { buildEntry } = await import('../../scripts/build-cli.mjs');
    if (isStale('cli')) await buildEntry('cli');
  }
  const entry: [string, string[]] = viaTsx ? [join(root, 'node_modules/.bin/tsx'), [join(root, 'electron/cli/main.ts')]] : [process.execPath, [join(root, 'dist/cli.js')]];
  // Start-up time is measured, not the gateway's session and flow rules: every run here signs in
  // again at once, so sign-out is always accepted (a gateway keeping the last run's session, calls
  // held, refuses the next with 100-002) and calldata is not flow-controlled (runs ~10 per 2 s).
  const seed = { [AGENT]: [{ caller: '0701', called: '1' }, { caller: '0702', called: '2' }, { caller: '0703', called: '3' }] };
  const sim = await startSimulator({ seed, refuseSignOut: 'never', flowControl: false });
  const caFile = join(mkdtempSync(join(tmpdir(), 'cec-bench-')), 'ca.pem');
  writeFileSync(caFile, sim.caPem);
  // The CLI's state files (hold times, sessions left open) go to a throwaway directory.
  const env = { ...process.env, CEC_PASSWORD: 'bench', XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'cec-bench-state-')) };
  // Asynchronous: the simulator answering `list` lives in this process.
  const timed = (cmd: string, args: string[]): Promise<number> =>
    new Promise((resolve, reject) => {
      const t0 = performance.now();
      const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => {
        const ms = performance.now() - t0;
        if (code === 0) resolve(ms);
        else reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr.slice(0, 300)}`));
      });
    });
  const times = { bare: [] as number[], help: [] as number[], list: [] as number[], phase: [] as number[], npm: [] as number[] };
  for (let i = 0; i < runs + 1; i += 1) {
    const bare = await timed(process.execPath, ['-e', '0']);
    const help = await timed(entry[0], [...entry[1], '--help']);
    sim.stats.reset();
    const list = await timed(entry[0], [...entry[1], '--gateway', sim.url, '--agent', AGENT, '--ca', caFile, 'list', '--json']);
    const received = sim.stats.requests().map((r) => r.receivedAt);
    const phase = Math.max(...received) - Math.min(...received);
    const npm = await timed('npm', ['run', '-s', 'cli', '--', '--help']);
    if (i === 0) continue; // the first round warms the file system cache
    times.bare.push(bare);
    times.help.push(help);
    times.list.push(list);
    times.phase.push(phase);
    times.npm.push(npm);
  }
  await sim.close();
  return {
    runs,
    nodeBare: median(times.bare),
    help: median(times.help),
    list: median(times.list),
    listGatewayPhase: median(times.phase),
    listMinusGateway: median(times.list.map((t, i) => t - times.phase[i]!)),
    npmHelp: median(times.npm),
  };
}
