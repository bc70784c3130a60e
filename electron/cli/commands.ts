// The CLI's commands over the same AgentClient the app uses. Every sign-in here asks for the
// busy state, so a diagnostic or scripted session never makes the agent available for calls.
import { readFile } from 'node:fs/promises';
import type { ActionResult, SessionState } from '../../shared/model';
import { formatHoldTime } from '../../shared/format';
import { resignInText, statusText } from '../../shared/status-text';
import { AgentClient } from '../core/agent-client';
import { parseGatewayConfig, type GatewayConfig } from '../core/config';
import { ConfigurationError, GatewayError } from '../core/errors';
import { USAGE, UsageError, parseCli, type CliOptions } from './args';
import { EXIT, describeError, exitCodeFor, heldCallJson, heldCallTable, jsonLine, terminalSafe } from './output';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Resolves when the user interrupts (Ctrl+C). */
  interrupted: Promise<void>;
}

export async function runCli(argv: string[], env: NodeJS.ProcessEnv, terminal: CliIo): Promise<number> {
  // Whatever reaches the terminal passes here: gateway text can carry escape sequences.
  const io: CliIo = {
    out: (line) => terminal.out(terminalSafe(line, true)),
    err: (line) => terminal.err(terminalSafe(line, true)),
    interrupted: terminal.interrupted,
  };
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

  const client = new AgentClient(config);
  // A long watch outlives gateway restarts and supervisor sign-outs: it signs in again by itself
  // (never forced) with the same password. One-shot commands just report what happened.
  if (options.command === 'watch') client.setAutoSignIn({ enabled: () => true, password: () => password });
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
    io.out(`Held calls:  ${client.heldList().freshness === 'fresh' ? calls.length : statusText('LIST_NOT_READ')}`);
    await client.signOut();
    io.out('Signed out:  yes');
    return EXIT.ok;
  },

  async list(client, options, io) {
    if (!(await listRead(client))) return listNotRead(client, io);
    const { calls, ignored } = client.heldList();
    if (ignored) io.err(statusText('LIST_IGNORED', { count: ignored }));
    io.out(options.json ? jsonLine(calls.map(heldCallJson)) : heldCallTable(calls, Date.now()));
    return EXIT.ok;
  },

  async status(client, options, io) {
    const read = await listRead(client);
    const list = client.heldList();
    const state = client.state;
    if (options.json) {
      // Machine output: `held` is null, never [], when the list could not be read.
      io.out(jsonLine({ session: state.status, agent: client.config.agentId, gateway: client.config.gateway, list: list.freshness, held: read ? list.calls.map(heldCallJson) : null }));
    } else {
      io.out(`Session:     ${state.status} (agent ${client.config.agentId}, ${client.config.gateway})`);
      io.out(`Held list:   ${list.freshness}${list.readAt !== undefined ? `, read ${formatHoldTime(Date.now() - list.readAt)} ago` : ''}`);
      if (read) io.out(`Held calls:  ${list.calls.length}`);
    }
    if (!read) return listNotRead(client, io);
    if (list.ignored) io.err(statusText('LIST_IGNORED', { count: list.ignored }));
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
      const { calls, freshness } = client.heldList();
      const state = client.state;
      if (options.json) {
        io.out(jsonLine({ time: new Date().toISOString(), session: state.status, list: freshness, held: calls.map(heldCallJson), ...resignInFields(state) }));
      } else {
        const note = freshness === 'fresh' ? '' : `\n${statusText(freshness === 'unknown' ? 'LIST_UNKNOWN' : 'LIST_STALE', { ageMs: Date.now() - (client.heldList().readAt ?? Date.now()) })}`;
        io.out(`${new Date().toLocaleTimeString()}${note}\n${calls.length === 0 && freshness !== 'fresh' ? '' : heldCallTable(calls, Date.now())}\n`);
      }
    };
    print();
    const stopList = client.onHeldListChange(print);
    let endedBy: string | undefined;
    let stopSession = (): void => undefined;
    const ended = new Promise<void>((resolve) => {
      stopSession = client.onSessionChange((state) => {
        const reason = resignInText(state, Date.now()) ?? state.reason;
        io.err(`Session: ${state.status}${reason ? `: ${reason}` : ''}`);
        if (options.json) print();
        if (state.status === 'signed-out') {
          endedBy = state.reason ?? 'signed out';
          resolve();
        }
      });
    });
    const timers: Array<Promise<void>> = [ended, io.interrupted];
    if (options.durationSec !== undefined) timers.push(new Promise((resolve) => setTimeout(resolve, options.durationSec! * 1000)));
    await Promise.race(timers);
    // The sign-out that follows is the CLI tidying up, not part of what was watched.
    stopList();
    stopSession();
    return endedBy === undefined ? EXIT.ok : EXIT.refused;
  },
};

/** Whether the held list was read; a first read that was overtaken by events is tried once more. */
async function listRead(client: AgentClient): Promise<boolean> {
  if (client.heldList().freshness !== 'fresh' && client.listReadError === undefined) await client.refresh().catch(() => undefined);
  return client.heldList().freshness === 'fresh';
}

/** Never an empty list for a list that could not be read: say so, and exit 4. */
function listNotRead(client: AgentClient, io: CliIo): number {
  const error = client.listReadError;
  io.err(statusText('LIST_NOT_READ', { detail: error === undefined ? undefined : describeError(error) }));
  return EXIT.transport;
}

/** Signing in again by itself, for machine output: the attempt and when the next one starts. */
function resignInFields(state: SessionState): Record<string, unknown> {
  if (state.attempt === undefined) return {};
  return { attempt: state.attempt, ...(state.retryAt !== undefined ? { retryAt: new Date(state.retryAt).toISOString() } : {}) };
}

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
