// Argument checks for every invoke channel, run in main before any handler.
// The renderer is treated as untrusted input: a compromised page must not be able to push an
// odd type, a huge string or an unknown settings key past this point.
import { MAX_POSITION, type Command, type CommandType } from '../../shared/commands';
import { InvokeChannel, type InvokeArgs, type InvokeChannelName, type SignInRequest } from '../../shared/ipc-contract';
import { isCallId } from '../../shared/model';
import { isAppPageUrl } from './app-protocol';
import { refuseArgument } from './ipc-envelope';
import { checkPatchShape } from './settings-validate';

const CHANNELS: ReadonlySet<string> = new Set(Object.values(InvokeChannel));

export function isInvokeChannel(name: unknown): name is InvokeChannelName {
  return typeof name === 'string' && CHANNELS.has(name);
}

const MAX_PASSWORD = 64;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function onlyKeys(value: Record<string, unknown>, allowed: readonly string[], what: string): void {
  const extra = Object.keys(value).find((key) => !allowed.includes(key));
  if (extra !== undefined) refuseArgument(`"${extra.slice(0, 40)}" is not part of ${what}.`);
}

function checkSignIn(request: unknown): SignInRequest {
  if (!isPlainObject(request)) refuseArgument('The sign-in request must be an object.');
  onlyKeys(request, ['password', 'remember', 'force'], 'a sign-in request');
  const { password, remember, force } = request;
  if (password !== undefined && (typeof password !== 'string' || password.length > MAX_PASSWORD)) refuseArgument('The password must be text of at most 64 characters.');
  if (remember !== undefined && typeof remember !== 'boolean') refuseArgument('"remember" must be true or false.');
  if (force !== undefined && typeof force !== 'boolean') refuseArgument('"force" must be true or false.');
  return request as SignInRequest;
}

function checkPosition(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_POSITION) refuseArgument(`A position is a whole number from 1 to ${MAX_POSITION}.`);
  return value;
}

function checkCallId(value: unknown): string {
  if (!isCallId(value)) refuseArgument('That is not a valid call id.');
  return value;
}

/** A command from the page, rebuilt field by field: nothing the page added survives. */
export function checkCommand(value: unknown): Command {
  if (!isPlainObject(value) || typeof value.type !== 'string') refuseArgument('A command must be an object with a type.');
  const type = value.type as CommandType;
  switch (type) {
    case 'resume':
    case 'connect':
      onlyKeys(value, ['type', 'callid'], `a ${type} command`);
      return { type, callid: checkCallId(value.callid) };
    case 'resume-position':
    case 'connect-position':
      onlyKeys(value, ['type', 'position'], `a ${type} command`);
      return { type, position: checkPosition(value.position) };
    case 'refresh':
    case 'toggle-panel':
      onlyKeys(value, ['type'], `a ${type} command`);
      return { type };
    default: {
      // Reachable: the type comes from the page (or a newer renderer). Still exhaustive at compile time.
      const unknown: never = type;
      return refuseArgument(`"${String(unknown).slice(0, 40)}" is not a command.`);
    }
  }
}

function checkBoolean(value: unknown): boolean {
  if (typeof value !== 'boolean') refuseArgument('Expected true or false.');
  return value;
}

/** Per channel, the checks that turn untrusted arguments into the handler's typed ones. */
type Checks<T extends unknown[]> = { [I in keyof T]: (value: unknown) => T[I] };
const ARGUMENTS: { readonly [C in InvokeChannelName]: Checks<InvokeArgs<C>> } = {
  'calls:list': [],
  'calls:refresh': [],
  'command:execute': [checkCommand],
  'session:get': [],
  'session:sign-in': [checkSignIn],
  'session:sign-out': [],
  'demo:start': [],
  'settings:get': [],
  'settings:set': [checkPatchShape],
  'hotkeys:capture': [checkBoolean],
  'panel:hide': [],
};

/** The channel's typed arguments when they fit; throws AppError (kind 'input') otherwise. */
export function validateArgs<C extends InvokeChannelName>(channel: C, args: unknown[]): InvokeArgs<C> {
  const checks = ARGUMENTS[channel] as ReadonlyArray<(value: unknown) => unknown>;
  if (!Array.isArray(args) || args.length !== checks.length) refuseArgument(`${channel} takes ${checks.length} argument(s).`);
  return checks.map((check, index) => check(args[index])) as InvokeArgs<C>;
}

/**
 * Our own main frame only: the panel page at app://panel/index.html, or the electron-vite dev
 * server's origin in development. Anything else (a navigated frame, an injected iframe, any
 * file:// page) is refused.
 */
export function isTrustedSender(frameUrl: string, expected: { devServerUrl?: string } = {}): boolean {
  if (isAppPageUrl(frameUrl)) return true;
  if (!expected.devServerUrl) return false;
  try {
    const url = new URL(frameUrl);
    const dev = new URL(expected.devServerUrl);
    return (dev.protocol === 'http:' || dev.protocol === 'https:') && url.origin === dev.origin;
  } catch {
    // An unparsable URL, or an unparsable dev URL, trusts nothing.
    return false;
  }
}
