// Command-line and environment parsing for the headless CLI. Every option has an environment
// twin so IT can pre-set a workstation once and script the rest.
import { parseArgs } from 'node:util';
import { LOCALES, msg, posixLocaleTag, resolveLocale, type Locale, type Message } from '../../shared/i18n';
import { isCallId } from '../../shared/model';

/** The language of the CLI's messages: --lang, else LC_ALL, LC_MESSAGES, LANG (POSIX order). */
export function cliLocale(argv: readonly string[], env: NodeJS.ProcessEnv): Locale {
  const at = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const flag = at < 0 ? undefined : argv[at]!.startsWith('--lang=') ? argv[at]!.slice(7) : argv[at + 1];
  if (flag && (LOCALES as readonly string[]).includes(flag)) return flag as Locale;
  const posix = posixLocaleTag(env.LC_ALL || env.LC_MESSAGES || env.LANG);
  return resolveLocale(undefined, posix ? [posix] : []);
}

export type Command = 'check' | 'list' | 'status' | 'resume' | 'connect' | 'watch';

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

export class UsageError extends Error {
  constructor(readonly reason: Message) {
    super(reason.id);
  }
}

const COMMANDS: ReadonlySet<string> = new Set(['check', 'list', 'status', 'resume', 'connect', 'watch']);

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
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(msg('cli.usage.parse', { detail: (error as Error).message }));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const [command, ...rest] = positionals;
  if (values.lang !== undefined && !(LOCALES as readonly string[]).includes(values.lang)) throw new UsageError(msg('cli.usage.bad-lang'));
  if (!command) throw new UsageError(msg('cli.usage.no-command'));
  if (!COMMANDS.has(command)) throw new UsageError(msg('cli.usage.unknown-command', { command: command.slice(0, 40) }));
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
    if (rest.length !== 1) throw new UsageError(msg(command === 'resume' ? 'cli.usage.needs-callid-or-top' : 'cli.usage.needs-callid', { command }));
    options.callid = rest[0];
    if (!isCallId(options.callid)) throw new UsageError(msg('cli.usage.bad-callid', { value: String(options.callid).slice(0, 80) }));
  } else if (rest.length > 0) {
    throw new UsageError(msg('cli.usage.unexpected', { arg: rest[0]!.slice(0, 80) }));
  }
  if (options.top && options.command !== 'resume') throw new UsageError(msg('cli.usage.top-only-resume'));
  if (options.json && !['list', 'status', 'watch'].includes(options.command)) throw new UsageError(msg('cli.usage.json-only'));
  if (values.duration !== undefined) {
    if (options.command !== 'watch') throw new UsageError(msg('cli.usage.duration-only'));
    const seconds = Number(values.duration);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 7 * 24 * 3600) throw new UsageError(msg('cli.usage.duration-number'));
    options.durationSec = seconds;
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(options.passwordEnv)) throw new UsageError(msg('cli.usage.password-env-name'));
  return options;
}
