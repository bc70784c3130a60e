// The CLI's commands over the same AgentClient the app uses. Every sign-in here asks for the
// busy state, so a diagnostic or scripted session never makes the agent available for calls.
import { readFile } from 'node:fs/promises';
import type { ActionResult, SessionState } from '../../shared/model';
import { formatHoldTime } from '../../shared/format';
import { resignInText, statusText } from '../../shared/status-text';
import type { AgentClient } from '../core/agent-client';
import { parseGatewayConfig, type GatewayConfig } from '../core/config';
import { ConfigurationError, GatewayError } from '../core/errors';
import { createTranslator, msg, type Translator } from '../../shared/i18n';
import { UsageError, cliLocale, parseCli, type CliOptions } from './args';
import { HoldTimesFile } from '../core/hold-times-file';
import { EXIT, currentCallJson, currentCallLine, describeError, exitCodeFor, exitCodeForResult, heldCallJson, heldCallTable, jsonLine, terminalSafe } from './output';
import { LeftOpenSessions } from './left-open';
import { heldSinceFile, leftOpenFile } from './state-dir';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Set by runCli from --lang / LC_ALL / LANG; machine output (--json) never goes through it. */
  t?: Translator;
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
  const setTranslator = (t: Translator): void => {
    io.t = t;
    terminal.t = t;
  };
  let options: CliOptions;
  let config: GatewayConfig;
  let password: string;
  const t = createTranslator(cliLocale(argv, env));
  setTranslator(t);
  try {
    const parsed = parseCli(argv, env);
    if (parsed === 'help') {
      io.out(t.text('cli.usage'));
      return EXIT.ok;
    }
    options = parsed;
    const caPem = options.caFile ? await readCa(options.caFile) : undefined;
    config = parseGatewayConfig({ gateway: options.gateway, agentId: options.agent, phone: options.phone, caPem, pin: options.pin });
    const fromEnv = env[options.passwordEnv];
    if (fromEnv === undefined) throw new ConfigurationError(msg('cli.password-env', { name: options.passwordEnv }));
    password = fromEnv;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${t.t(error.reason)}\n\n${t.text('cli.usage')}`);
      return EXIT.usage;
    }
    io.err(t.t(describeError(error)));
    return exitCodeFor(error);
  }

  // Loaded only now: help and usage errors never pay for the gateway client (undici).
  const { AgentClient } = await import('../core/agent-client');
  // Hold times outlive one run: first sightings are kept in the user's state directory.
  const sightings = HoldTimesFile.open(heldSinceFile(env)).scope(`${config.gateway} ${config.agentId}`);
  // Only the commands that show or act on the current call read it (calldata is flow-controlled).
  const currentCall = ['status', 'resume', 'hold', 'watch'].includes(options.command);
  // One command and out: a warm spare connection would only cost the gateway a handshake.
  const client = new AgentClient(config, { transport: { keepWarm: false }, sightings, currentCall });
  // A long watch outlives gateway restarts and supervisor sign-outs: it signs in again by itself
  // (never forced) with the same password. One-shot commands just report what happened.
  if (options.command === 'watch') client.setAutoSignIn({ enabled: () => true, password: () => password });
  const scope = `${config.gateway} ${config.agentId}`;
  const leftOpen = new LeftOpenSessions(leftOpenFile(env));
  let signedOut: Promise<SignOutOutcome> | undefined;
  // Once per run, whoever asks first (check reports it; every run ends with it).
  const signOut = (): Promise<SignOutOutcome> => (signedOut ??= signOutOrKeep(client, io, () => leftOpen.mark(scope)));
  try {
    const started = performance.now();
    await client.signIn({ password, force: options.forceLogin, availability: 'busy' });
    const signInMs = performance.now() - started;
    leftOpen.clear(scope);
    return await COMMANDS[options.command](client, options, io, { signInMs, signOut });
  } catch (error) {
    io.err(t.t(describeError(error)));
    if (error instanceof GatewayError && error.code === '100-002') {
      const own = leftOpen.since(scope);
      io.err(own ? t.text('cli.force-hint-own', { at: t.time(own.at), endsBy: t.time(own.endsBy) }) : t.text('cli.force-hint'));
    }
    return exitCodeFor(error);
  } finally {
    if (client.state.status !== 'signed-out') await signOut();
    await client.close();
  }
}

type SignOutOutcome = { done: true } | { done: false; code?: string };

/**
 * The real gateway refuses sign-out while the agent talks or holds calls, and keeps the session
 * for about 2 minutes more. That is not a failure of the command that ran, but the next run will
 * be refused as "signed in somewhere else": say so now, and remember it for that run's hint.
 */
async function signOutOrKeep(client: AgentClient, io: CliIo, remember: () => void): Promise<SignOutOutcome> {
  try {
    await client.signOut();
    return { done: true };
  } catch (error) {
    if (client.state.status === 'signed-out') return { done: true };
    io.err(io.t!.text('cli.sign-out-kept', { reason: io.t!.t(describeError(error)) }));
    remember();
    return { done: false, ...(error instanceof GatewayError ? { code: error.code } : {}) };
  }
}

async function readCa(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    throw new ConfigurationError(msg('cli.ca-unreadable', { path }));
  }
}

interface RunContext {
  signInMs: number;
  /** Sign out now (once per run); a refusal is reported on stderr and is not the command's failure. */
  signOut(): Promise<SignOutOutcome>;
}

type CommandFn = (client: AgentClient, options: CliOptions, io: CliIo, run: RunContext) => Promise<number>;

const COMMANDS: Record<CliOptions['command'], CommandFn> = {
  async check(client, _options, io, { signInMs, signOut }) {
    const t = io.t!;
    const tls = client.lastHandshake;
    const calls = client.heldCalls();
    const queryMs = client.stats.lastHoldlistMs;
    io.out(t.text('cli.check.gateway', { gateway: client.config.gateway, agent: client.config.agentId }));
    io.out(t.text('cli.check.reachable', { ms: Math.round(signInMs) }));
    if (tls) {
      io.out(t.text('cli.check.tls', { protocol: tls.protocol, cipher: tls.cipher, trustedBy: tls.trustedBy }));
      io.out(t.text('cli.check.certificate', { subject: tls.subject || '-', issuer: tls.issuer || '-', validTo: tls.validTo }));
      io.out(t.text('cli.check.fingerprint', { fingerprint: tls.fingerprint256 }));
    }
    io.out(queryMs === undefined ? t.text('cli.check.round-trip-failed') : t.text('cli.check.round-trip', { ms: queryMs.toFixed(1) }));
    io.out(client.heldList().freshness === 'fresh' ? t.text('cli.check.held', { count: calls.length }) : t.t(statusText('LIST_NOT_READ')));
    // Refused while calls are held: what the gateway should do, so the check still passes.
    const out = await signOut();
    io.out(out.done ? t.text('cli.check.signed-out') : t.text('cli.check.signed-out-refused', { code: out.code ?? '-' }));
    return EXIT.ok;
  },

  async list(client, options, io) {
    if (!(await listRead(client))) return listNotRead(client, io);
    const { calls, ignored } = client.heldList();
    if (ignored) io.err(io.t!.t(statusText('LIST_IGNORED', { count: ignored })));
    io.out(options.json ? jsonLine(calls.map(heldCallJson)) : heldCallTable(calls, Date.now(), io.t!));
    // On stderr, so --json output stays one JSON array.
    const cut = client.heldListTruncation;
    if (cut) io.err(io.t!.text('list.truncated', { shown: cut.shown, total: cut.total }));
    return EXIT.ok;
  },

  async status(client, options, io) {
    const t = io.t!;
    const read = await listRead(client);
    const list = client.heldList();
    const state = client.state;
    if (options.json) {
      // Machine output: `held` is null, never [], when the list could not be read.
      // `current`: the call the agent is talking on (from callinfo and events), null when none.
      io.out(
        jsonLine({
          session: state.status,
          agent: client.config.agentId,
          gateway: client.config.gateway,
          current: currentCallJson(client.currentCall()),
          list: list.freshness,
          held: read ? list.calls.map(heldCallJson) : null,
        }),
      );
    } else {
      io.out(t.text('cli.status.session', { status: state.status, agent: client.config.agentId, gateway: client.config.gateway }));
      io.out(currentCallLine(client.currentCall(), Date.now(), t));
      io.out(
        list.readAt !== undefined
          ? t.text('cli.status.list-read', { freshness: list.freshness, age: formatHoldTime(Date.now() - list.readAt) })
          : t.text('cli.status.list', { freshness: list.freshness }),
      );
      if (read) {
        io.out(t.text('cli.check.held', { count: list.calls.length }));
        if (list.calls.length > 0) io.out(heldCallTable(list.calls, Date.now(), t));
      }
    }
    if (!read) return listNotRead(client, io);
    if (list.ignored) io.err(t.t(statusText('LIST_IGNORED', { count: list.ignored })));
    return EXIT.ok;
  },

  async resume(client, options, io) {
    // As the app does: while talking, the current call is held first, unless --no-swap.
    const resume = { whileTalking: options.noSwap ? ('refuse' as const) : ('swap' as const) };
    return report(options.top ? await client.resumeTop(resume) : await client.resume(options.callid!, resume), io);
  },

  async hold(client, _options, io) {
    return report(await client.hold(), io);
  },

  async connect(client, options, io) {
    return report(await client.connect(options.callid!), io);
  },

  async watch(client, options, io) {
    const t = io.t!;
    const print = (): void => {
      const { calls, freshness, readAt } = client.heldList();
      const state = client.state;
      const cut = client.heldListTruncation;
      const current = client.currentCall();
      if (options.json) {
        io.out(
          jsonLine({
            time: new Date().toISOString(),
            session: state.status,
            current: currentCallJson(current),
            list: freshness,
            held: calls.map(heldCallJson),
            ...(cut ? { truncated: { shown: cut.shown, total: cut.total } } : {}),
            ...resignInFields(state),
          }),
        );
      } else {
        const note = freshness === 'fresh' ? '' : `\n${t.t(statusText(freshness === 'unknown' ? 'LIST_UNKNOWN' : 'LIST_STALE', { ageMs: Date.now() - (readAt ?? Date.now()) }))}`;
        const cutNote = cut ? `\n${t.text('list.truncated', { shown: cut.shown, total: cut.total })}` : '';
        io.out(`${t.time(Date.now())}\n${currentCallLine(current, Date.now(), t)}${note}\n${calls.length === 0 && freshness !== 'fresh' ? '' : heldCallTable(calls, Date.now(), t)}${cutNote}\n`);
      }
    };
    print();
    const stopList = client.onHeldListChange(print);
    const stopCurrent = client.onCurrentCallChange(print);
    let sessionEnded = false;
    let stopSession = (): void => undefined;
    const ended = new Promise<void>((resolve) => {
      stopSession = client.onSessionChange((state) => {
        const reason = resignInText(state, Date.now()) ?? state.reason;
        io.err(t.t(reason ? msg('cli.session-because', { status: state.status, reason }) : msg('cli.session', { status: state.status })));
        if (options.json) print();
        if (state.status === 'signed-out') {
          sessionEnded = true;
          resolve();
        }
      });
    });
    const timers: Array<Promise<void>> = [ended, io.interrupted];
    if (options.durationSec !== undefined) timers.push(new Promise((resolve) => setTimeout(resolve, options.durationSec! * 1000)));
    await Promise.race(timers);
    // The sign-out that follows is the CLI tidying up, not part of what was watched.
    stopList();
    stopCurrent();
    stopSession();
    return sessionEnded ? EXIT.refused : EXIT.ok;
  },
};

function report(result: ActionResult, io: CliIo): number {
  const t = io.t!;
  const code = exitCodeForResult(result);
  if (result.ok) io.out(t.t(result.message));
  else if (code === EXIT.nothingToDo || !/^\d{3}-\d{3}$/.test(result.code)) io.err(t.t(result.message));
  else io.err(t.t(msg('cli.refused', { code: result.code, message: result.message })));
  return code;
}

/** Whether the held list was read; a first read that was overtaken by events is tried once more. */
/** Waits before each further read of a list the gateway asked us to read again in a moment. */
const LIST_RETRY_MS = [1_000, 2_000];

async function listRead(client: AgentClient): Promise<boolean> {
  const fresh = (): boolean => client.heldList().freshness === 'fresh';
  if (!fresh() && client.listReadError === undefined) await client.refresh().catch(() => undefined);
  // "Try again in a moment" (000-007: calldata is flow-controlled per agent, and scripts run the
  // CLI back to back) or a transient network fault: read again, within about 3 s, as the app's own
  // re-read would, rather than fail a script at once.
  for (const wait of LIST_RETRY_MS) {
    if (fresh() || !worthReadingAgain(client.listReadError)) break;
    await new Promise((done) => setTimeout(done, wait));
    if (!fresh()) await client.refresh().catch(() => undefined);
  }
  return fresh();
}

function worthReadingAgain(error: unknown): boolean {
  return error instanceof GatewayError && (error.code === '000-007' || ['transport', 'timeout', 'server'].includes(error.kind));
}

/** Never an empty list for a list that could not be read: say so, and exit 4. */
function listNotRead(client: AgentClient, io: CliIo): number {
  const error = client.listReadError;
  io.err(io.t!.t(statusText('LIST_NOT_READ', error === undefined ? {} : { detail: describeError(error) })));
  return EXIT.transport;
}

/** Signing in again by itself, for machine output: the attempt and when the next one starts. */
function resignInFields(state: SessionState): Record<string, unknown> {
  if (state.attempt === undefined) return {};
  return { attempt: state.attempt, ...(state.retryAt !== undefined ? { retryAt: new Date(state.retryAt).toISOString() } : {}) };
}
