// Command-line flags that act on the app: a USB pedal, a Stream Deck key or a script runs the
// installed app again with `--resume-top`, and the running instance resumes the top held call.
// Pure: argv in, commands out. No Electron here, so every odd argv is tested in Node.
//
// The argv this sees is the whole process command line: the executable, Chromium/Electron
// switches (some appended by Electron itself, e.g. --allow-file-access-from-files on a second
// instance), the app path when run as `electron <dir>`, and our flags, in any order. Only our
// flags are acted on; every other switch is reported as ignored, never an error, because the
// runtime adds switches we do not control.
import { assertNever, MAX_POSITION, type Command } from '../../shared/commands';
import { english, msg, type Message } from '../../shared/i18n';

export type LaunchFlag = '--resume-top' | '--resume' | '--connect-top' | '--toggle-panel' | '--refresh';

export const LAUNCH_FLAGS: readonly LaunchFlag[] = ['--resume-top', '--resume', '--connect-top', '--toggle-panel', '--refresh'];

/** Why a flag of ours was not turned into a command. */
export type LaunchRefusalCode = 'POSITION_MISSING' | 'POSITION_INVALID' | 'UNEXPECTED_VALUE' | 'TOO_MANY_COMMANDS';

export interface LaunchRefusal {
  code: LaunchRefusalCode;
  /** The flag as given (shortened). */
  flag: string;
  /** The offending value, when there was one (shortened). */
  value?: string;
}

export interface LaunchArgs {
  commands: Command[];
  /** Switches and stray words that are not ours (shortened, bounded in number): logged, not acted on. */
  ignored: string[];
  /** Our flags with a bad or missing value: logged, not acted on. */
  refused: LaunchRefusal[];
}

export interface ParseOptions {
  /**
   * True when run as `electron <app dir> ...` (Electron's process.defaultApp): the first word
   * that is not a switch is then the app path, not a stray argument.
   */
  appPathFirst?: boolean;
}

/** One launch is one press: more commands than this is a script gone wrong, not a request. */
export const MAX_LAUNCH_COMMANDS = 5;
const MAX_REPORTED = 20;
const MAX_SHOWN = 60;

const shorten = (text: string): string => (text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text);

function isLaunchFlag(name: string): name is LaunchFlag {
  return (LAUNCH_FLAGS as readonly string[]).includes(name);
}

/** "1".."99": digits only (no sign, no decimals, no leading zero), within the list positions. */
function parsePosition(text: string): number | undefined {
  if (!/^[1-9][0-9]{0,3}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= MAX_POSITION ? n : undefined;
}

const NO_VALUE_COMMANDS: Readonly<Record<Exclude<LaunchFlag, '--resume'>, Command>> = {
  '--resume-top': { type: 'resume-position', position: 1 },
  '--connect-top': { type: 'connect-position', position: 1 },
  '--toggle-panel': { type: 'toggle-panel' },
  '--refresh': { type: 'refresh' },
};

/**
 * argv as Electron gives it (process.argv, or the argv of a 'second-instance' event) → the
 * commands it asks for, in order. argv[0] is the executable and is skipped.
 */
export function parseLaunchArgs(argv: readonly string[], options: ParseOptions = {}): LaunchArgs {
  const commands: Command[] = [];
  const ignored: string[] = [];
  const refused: LaunchRefusal[] = [];
  const ignore = (word: string): void => {
    if (ignored.length < MAX_REPORTED) ignored.push(shorten(word));
  };
  const refuse = (refusal: LaunchRefusal): void => {
    if (refused.length < MAX_REPORTED) refused.push({ ...refusal, flag: shorten(refusal.flag), ...(refusal.value !== undefined ? { value: shorten(refusal.value) } : {}) });
  };
  const add = (flag: string, command: Command): void => {
    if (commands.length < MAX_LAUNCH_COMMANDS) commands.push(command);
    else refuse({ code: 'TOO_MANY_COMMANDS', flag });
  };

  let expectAppPath = options.appPathFirst === true;
  let switchesEnded = false;
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i];
    if (typeof word !== 'string' || word === '') continue;
    if (switchesEnded || !word.startsWith('-')) {
      // The app path (when run as `electron <dir>`), then anything else is a stray word.
      if (expectAppPath) expectAppPath = false;
      else ignore(word);
      continue;
    }
    if (word === '--') {
      // Chromium's end-of-switches marker: what follows is positional.
      switchesEnded = true;
      continue;
    }
    const eq = word.indexOf('=');
    // Chromium treats switch names case-insensitively on Windows; so do we.
    const name = (eq === -1 ? word : word.slice(0, eq)).toLowerCase();
    const inline = eq === -1 ? undefined : word.slice(eq + 1);
    if (!isLaunchFlag(name)) {
      ignore(word);
      continue;
    }
    if (name !== '--resume') {
      if (inline !== undefined) refuse({ code: 'UNEXPECTED_VALUE', flag: name, value: inline });
      else add(name, NO_VALUE_COMMANDS[name]);
      continue;
    }
    // --resume N or --resume=N
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      // A following switch is not a value; a negative number is (and is then refused as one).
      if (typeof next === 'string' && next !== '' && (!next.startsWith('-') || /^-[0-9]/.test(next))) {
        value = next;
        i += 1;
      }
    }
    if (value === undefined) {
      refuse({ code: 'POSITION_MISSING', flag: name });
      continue;
    }
    const position = parsePosition(value);
    if (position === undefined) refuse({ code: 'POSITION_INVALID', flag: name, value });
    else add(name, { type: 'resume-position', position });
  }
  return { commands, ignored, refused };
}

/** What the agent (or whoever set up the pedal) is told about a refused flag. */
export function launchRefusalMessage(r: LaunchRefusal): Message {
  switch (r.code) {
    case 'POSITION_MISSING':
      return msg('launch.position-missing', { flag: r.flag });
    case 'POSITION_INVALID':
      return msg('launch.position-invalid', { flag: r.flag, value: r.value ?? '', max: MAX_POSITION });
    case 'UNEXPECTED_VALUE':
      return msg('launch.unexpected-value', { flag: r.flag, value: r.value ?? '' });
    case 'TOO_MANY_COMMANDS':
      return msg('launch.too-many', { flag: r.flag, max: MAX_LAUNCH_COMMANDS });
    default:
      return assertNever(r.code);
  }
}

/** Lines for the log: what was refused and why, and which switches were not ours. */
export function describeLaunchArgs(parsed: LaunchArgs): string[] {
  const lines = parsed.refused.map((r) => `Launch flag refused: ${english.t(launchRefusalMessage(r))}`);
  if (parsed.ignored.length > 0) lines.push(`Launch arguments ignored (not ours): ${parsed.ignored.join(' ')}`);
  return lines;
}

/**
 * What a second instance hands the running one through requestSingleInstanceLock's
 * additionalData: its own argv, in its own order. (The argv of the 'second-instance' event may be
 * reordered and have switches appended by Chromium; this copy is exact.) The running instance
 * re-parses it: another local process could send anything here, so it is input, not a command.
 */
export interface LaunchHandoff {
  cecLaunch: 1;
  argv: string[];
  appPathFirst: boolean;
}

const MAX_HANDOFF_WORDS = 64;
const MAX_HANDOFF_WORD = 4096;

export function launchHandoff(argv: readonly string[], appPathFirst: boolean): LaunchHandoff {
  return { cecLaunch: 1, argv: argv.slice(0, MAX_HANDOFF_WORDS).map((w) => w.slice(0, MAX_HANDOFF_WORD)), appPathFirst };
}

/** The handoff's argv when additionalData is one of ours and well-formed; otherwise undefined. */
export function readLaunchHandoff(data: unknown): { argv: string[]; appPathFirst: boolean } | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { cecLaunch, argv, appPathFirst } = data as Record<string, unknown>;
  if (cecLaunch !== 1 || !Array.isArray(argv) || argv.length > MAX_HANDOFF_WORDS) return undefined;
  if (!argv.every((w): w is string => typeof w === 'string' && w.length <= MAX_HANDOFF_WORD)) return undefined;
  return { argv, appPathFirst: appPathFirst === true };
}

/**
 * The commands a second launch asks for: from the exact handoff when it came, else from the
 * event's argv (older Electron, or a launcher that sent none).
 */
export function secondInstanceArgs(eventArgv: readonly string[], additionalData: unknown, appPathFirst: boolean): LaunchArgs {
  const handoff = readLaunchHandoff(additionalData);
  return handoff ? parseLaunchArgs(handoff.argv, { appPathFirst: handoff.appPathFirst }) : parseLaunchArgs(eventArgv, { appPathFirst });
}
