// Command-line and environment parsing for the headless CLI. Every option has an environment
// twin so IT can pre-set a workstation once and script the rest.
import { parseArgs } from 'node:util';
import { isCallId } from '../../shared/model';

export const USAGE = `Usage: cec-held-calls [options] <command>    (in the source tree: npm run cli -- [options] <command>)

Commands:
  check                      sign in (as busy), report reachability, TLS and round-trip time, sign out
  list [--json]              held calls, top first
  resume <CALLID> | --top    resume (unhold) a held call; --top resumes the one held longest
  connect <CALLID>           join your current call with this held call; you leave the call
  watch [--json] [--duration SECONDS]
                             follow the session; --json prints one JSON object per line per change

Options (environment variable in brackets):
  --gateway URL              CC-Gateway https origin, optional path prefix [CEC_GATEWAY]
  --agent ID                 agent id, 101-999999 [CEC_AGENT]
  --phone NUM                agent phone number [CEC_PHONE]
  --password-env NAME        environment variable holding the password [CEC_PASSWORD_ENV], default CEC_PASSWORD
  --ca FILE                  PEM file with the CA that signed the gateway certificate [CEC_CA]
  --pin SHA256               SHA-256 fingerprint of the gateway certificate [CEC_PIN]
  --force-login              take over a session this agent has open elsewhere [CEC_FORCE_LOGIN=1]
  -h, --help                 this text

Exit codes: 0 done, 1 nothing to do (no call on hold), 2 usage or configuration,
            3 the gateway refused (code and message on stderr), 4 network or TLS failure.`;

export type Command = 'check' | 'list' | 'resume' | 'connect' | 'watch';

export interface CliOptions {
  command: Command;
  callid?: string;
  top: boolean;
  json: boolean;
  durationSec?: number;
  gateway?: string;
  agent?: string;
  phone?: string;
  passwordEnv: string;
  caFile?: string;
  pin?: string;
  forceLogin: boolean;
}

export class UsageError extends Error {}

const COMMANDS: ReadonlySet<string> = new Set(['check', 'list', 'resume', 'connect', 'watch']);

export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        gateway: { type: 'string' },
        agent: { type: 'string' },
        phone: { type: 'string' },
        'password-env': { type: 'string' },
        ca: { type: 'string' },
        pin: { type: 'string' },
        'force-login': { type: 'boolean' },
        json: { type: 'boolean' },
        top: { type: 'boolean' },
        duration: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const [command, ...rest] = positionals;
  if (!command) throw new UsageError('No command given.');
  if (!COMMANDS.has(command)) throw new UsageError(`Unknown command "${command}".`);
  const options: CliOptions = {
    command: command as Command,
    top: values.top === true,
    json: values.json === true,
    gateway: values.gateway ?? env.CEC_GATEWAY,
    agent: values.agent ?? env.CEC_AGENT,
    phone: values.phone ?? env.CEC_PHONE,
    passwordEnv: values['password-env'] ?? env.CEC_PASSWORD_ENV ?? 'CEC_PASSWORD',
    caFile: values.ca ?? env.CEC_CA,
    pin: values.pin ?? env.CEC_PIN,
    forceLogin: values['force-login'] === true || env.CEC_FORCE_LOGIN === '1' || env.CEC_FORCE_LOGIN === 'true',
  };
  const wantsCallId = options.command === 'connect' || (options.command === 'resume' && !options.top);
  if (wantsCallId) {
    if (rest.length !== 1) throw new UsageError(`"${command}" needs exactly one call id${command === 'resume' ? ' (or --top)' : ''}.`);
    options.callid = rest[0];
    if (!isCallId(options.callid)) throw new UsageError(`"${String(options.callid).slice(0, 80)}" is not a valid call id.`);
  } else if (rest.length > 0) {
    throw new UsageError(`Unexpected argument "${rest[0]}".`);
  }
  if (options.top && options.command !== 'resume') throw new UsageError('--top only goes with resume.');
  if (options.json && options.command !== 'list' && options.command !== 'watch') throw new UsageError('--json only goes with list and watch.');
  if (values.duration !== undefined) {
    if (options.command !== 'watch') throw new UsageError('--duration only goes with watch.');
    const seconds = Number(values.duration);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 7 * 24 * 3600) throw new UsageError('--duration takes a number of seconds.');
    options.durationSec = seconds;
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(options.passwordEnv)) throw new UsageError('--password-env takes the NAME of an environment variable.');
  return options;
}
