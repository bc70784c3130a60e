// Entry point of `npm run cli`. Runs straight from TypeScript through tsx: no build step.
import { runCli } from './commands';

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
