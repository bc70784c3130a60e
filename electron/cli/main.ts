// Entry point of the headless CLI, built into dist/cli.js (`npm run cli`, the `cec-held-calls`
// bin). The Node check runs before anything else is loaded; everything after it is imported on
// demand, so `--help` or a usage error never loads the gateway client (undici).
import { requireNode } from '../runtime/require-node';

requireNode();

const { runCli } = await import('./commands');

const interrupted = new Promise<void>((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});

const code = await runCli(process.argv.slice(2), process.env, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  interrupted,
});
// Let stdout drain (pipes are asynchronous), then leave even if a socket lingers.
process.stdout.write('', () => process.exit(code));
