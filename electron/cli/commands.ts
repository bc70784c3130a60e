// The CLI's commands over the same AgentClient the app uses. Every sign-in here asks for the
// busy state, so a diagnostic or scripted session never makes the agent available for calls.
import { readFile } from 'node:fs/promises';
import type { ActionResult } from '../../shared/model';
import type { AgentClient } from '../core/agent-client';
import { parseGatewayConfig, type GatewayConfig } from '../core/config';
import { ConfigurationError, GatewayError } from '../core/errors';
import { USAGE, UsageError, parseCli, type CliOptions } from './args';
import { EXIT, describeError, exitCodeFor, heldCallJson, heldCallTable, truncationNote } from './output';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Resolves when the user interrupts (Ctrl+C). */
  interrupted: Promise<void>;
}

export async function runCli(argv: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  let options: CliOptions;
  let config: GatewayConfig;
  let password: string;
  try {
    const parsed = parseCli(argv, env);
    if (parsed === 'help') {
      io.out(USAGE);
      return EXIT.ok;
    }
    options = parsed;
    const caPem = options.caFile ? await readCa(options.caFile) : undefined;
    config = parseGatewayConfig({ gateway: options.gateway, agentId: options.agent, phone: options.phone, caPem, pin: options.pin });
    const fromEnv = env[options.passwordEnv];
    if (fromEnv === undefined) throw new ConfigurationError(`The environment variable ${options.passwordEnv} (the password) is not set.`);
    password = fromEnv;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    io.err(describeError(error));
    return exitCodeFor(error);
  }

  // Loaded only now: help and usage errors never pay for the gateway client (undici).
  const { AgentClient } = await import('../core/agent-client');
  // One command and out: a warm spare connection would only cost the gateway a handshake.
  const client = new AgentClient(config, { transport: { keepWarm: false } });
  try {
    const started = performance.now();
    await client.signIn({ password, force: options.forceLogin, availability: 'busy' });
    const signInMs = performance.now() - started;
    return await COMMANDS[options.command](client, options, io, signInMs);
  } catch (error) {
    io.err(describeError(error));
    if (error instanceof GatewayError && error.code === '100-002') io.err('Add --force-login to take over that session.');
    return exitCodeFor(error);
  } finally {
    if (client.state.status !== 'signed-out') await client.signOut().catch(() => undefined);
    await client.close();
  }
}

async function readCa(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    throw new ConfigurationError(`Cannot read the CA file ${path}.`);
  }
}

type CommandFn = (client: AgentClient, options: CliOptions, io: CliIo, signInMs: number) => Promise<number>;

const COMMANDS: Record<CliOptions['command'], CommandFn> = {
  async check(client, _options, io, signInMs) {
    const tls = client.lastHandshake;
    const calls = client.heldCalls();
    const queryMs = client.stats.lastHoldlistMs;
    io.out(`Gateway:     ${client.config.gateway} (agent ${client.config.agentId})`);
    io.out(`Reachable:   yes, signed in as busy in ${Math.round(signInMs)} ms`);
    if (tls) {
      io.out(`TLS:         ${tls.protocol}, ${tls.cipher}, trusted by ${tls.trustedBy}`);
      io.out(`Certificate: ${tls.subject || '(no subject)'}; issuer ${tls.issuer || '-'}; valid to ${tls.validTo}`);
      io.out(`SHA-256:     ${tls.fingerprint256}`);
    }
    io.out(`Round trip:  ${queryMs === undefined ? 'held-call list query failed' : `${queryMs.toFixed(1)} ms (held-call list query)`}`);
    io.out(`Held calls:  ${calls.length}`);
    await client.signOut();
    io.out('Signed out:  yes');
    return EXIT.ok;
  },

  async list(client, options, io) {
    const calls = client.heldCalls();
    io.out(options.json ? JSON.stringify(calls.map(heldCallJson)) : heldCallTable(calls, Date.now()));
    // On stderr, so --json output stays one JSON array.
    const cut = client.heldListTruncation;
    if (cut) io.err(truncationNote(cut));
    return EXIT.ok;
  },

  async resume(client, options, io) {
    return report(options.top ? await client.resumeTop() : await client.resume(options.callid!), io);
  },

  async connect(client, options, io) {
    return report(await client.connect(options.callid!), io);
  },

  async watch(client, options, io) {
    const print = (): void => {
      const calls = client.heldCalls();
      const cut = client.heldListTruncation;
      io.out(
        options.json
          ? JSON.stringify({
              time: new Date().toISOString(),
              session: client.state.status,
              held: calls.map(heldCallJson),
              ...(cut ? { truncated: { shown: cut.shown, total: cut.total } } : {}),
            })
          : `${new Date().toLocaleTimeString()}\n${heldCallTable(calls, Date.now())}${cut ? `\n${truncationNote(cut)}` : ''}\n`,
      );
    };
    print();
    const stopList = client.onHeldCallsChange(print);
    let endedBy: string | undefined;
    const ended = new Promise<void>((resolve) => {
      client.onSessionChange((state) => {
        io.err(`Session: ${state.status}${state.reason ? `: ${state.reason}` : ''}`);
        if (state.status === 'signed-out') {
          endedBy = state.reason ?? 'signed out';
          resolve();
        }
      });
    });
    const timers: Array<Promise<void>> = [ended, io.interrupted];
    if (options.durationSec !== undefined) timers.push(new Promise((resolve) => setTimeout(resolve, options.durationSec! * 1000)));
    await Promise.race(timers);
    stopList();
    return endedBy === undefined ? EXIT.ok : EXIT.refused;
  },
};

function report(result: ActionResult, io: CliIo): number {
  if (result.ok) {
    io.out(result.message);
    return EXIT.ok;
  }
  if (result.kind === 'nothing-held') {
    io.err(result.message);
    return EXIT.nothingToDo;
  }
  const refused = /^\d{3}-\d{3}$/.test(result.code);
  io.err(refused ? `The gateway refused (${result.code}): ${result.message}` : result.message);
  if (result.kind === 'input' || result.kind === 'config') return EXIT.usage;
  return refused || result.kind === 'signed-out' ? EXIT.refused : EXIT.transport;
}
