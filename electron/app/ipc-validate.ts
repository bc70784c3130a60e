// Argument checks for every invoke channel, run in main before any handler.
// The renderer is treated as untrusted input: a compromised page must not be able to push an
// odd type, a huge string or an unknown settings key past this point.
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvokeChannel, type InvokeChannelName } from '../../shared/ipc-contract';
import { isCallId } from '../../shared/model';
import { HOTKEY_ACTIONS, type SettingsKey } from '../../shared/settings';
import { AppError } from './ipc-envelope';

const CHANNELS: ReadonlySet<string> = new Set(Object.values(InvokeChannel));

export function isInvokeChannel(name: unknown): name is InvokeChannelName {
  return typeof name === 'string' && CHANNELS.has(name);
}

const MAX_PASSWORD = 64;
const MAX_ACCELERATOR = 64;

function refuse(message: string): never {
  throw new AppError('INVALID_ARGUMENT', 'input', message);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

type Check = (value: unknown, key: string) => void;

const string =
  (max: number): Check =>
  (value, key) => {
    if (typeof value !== 'string') refuse(`Setting "${key}" must be text.`);
    if (value.length > max) refuse(`Setting "${key}" is too long (at most ${max} characters).`);
  };

const integer =
  (min: number, max: number): Check =>
  (value, key) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      refuse(`Setting "${key}" must be a whole number from ${min} to ${max}.`);
    }
  };

const oneOf =
  (...allowed: string[]): Check =>
  (value, key) => {
    if (typeof value !== 'string' || !allowed.includes(value)) refuse(`Setting "${key}" must be one of: ${allowed.join(', ')}.`);
  };

const boolean: Check = (value, key) => {
  if (typeof value !== 'boolean') refuse(`Setting "${key}" must be true or false.`);
};

const hotkeys: Check = (value) => {
  if (!isPlainObject(value)) refuse('Setting "hotkeys" must be an object of action → accelerator.');
  for (const [action, accelerator] of Object.entries(value)) {
    if (!(HOTKEY_ACTIONS as readonly string[]).includes(action)) refuse(`"${action.slice(0, 40)}" is not a hotkey action.`);
    if (typeof accelerator !== 'string') refuse(`The hotkey for "${action}" must be text.`);
    if (accelerator.length > MAX_ACCELERATOR) refuse(`The hotkey for "${action}" is too long (at most ${MAX_ACCELERATOR} characters).`);
  }
};

/** Shape checks only; meaning (a reachable URL, warn < alert) is checked by the settings store. */
const SETTING_CHECKS: Readonly<Record<SettingsKey, Check>> = {
  gatewayUrl: string(2048),
  agentId: string(16),
  phone: string(32),
  caFile: string(1024),
  pin: string(128),
  listOrder: oneOf('longest-first', 'newest-first'),
  warnAfterSec: integer(5, 3600),
  alertAfterSec: integer(5, 3600),
  hotkeys,
  launchAtLogin: boolean,
  alwaysOnTop: boolean,
  pinned: boolean,
  rememberPassword: boolean,
  availability: oneOf('idle', 'busy'),
  autoSignIn: boolean,
};

function checkSettingsPatch(patch: unknown): void {
  if (!isPlainObject(patch)) refuse('Settings must be sent as an object.');
  for (const [key, value] of Object.entries(patch)) {
    const check = Object.hasOwn(SETTING_CHECKS, key) ? SETTING_CHECKS[key as SettingsKey] : undefined;
    if (!check) refuse(`"${key.slice(0, 40)}" is not a setting.`);
    check(value, key);
  }
}

function checkSignIn(request: unknown): void {
  if (!isPlainObject(request)) refuse('The sign-in request must be an object.');
  for (const [key, value] of Object.entries(request)) {
    if (key === 'password') {
      if (value === undefined) continue;
      if (typeof value !== 'string') refuse('The password must be text.');
      if (value.length > MAX_PASSWORD) refuse(`The password is too long (at most ${MAX_PASSWORD} characters).`);
    } else if (key === 'remember' || key === 'force') {
      if (value !== undefined && typeof value !== 'boolean') refuse(`"${key}" must be true or false.`);
    } else {
      refuse(`"${key.slice(0, 40)}" is not part of a sign-in request.`);
    }
  }
}

function checkCallId(callid: unknown): void {
  if (!isCallId(callid)) refuse('That is not a valid call id.');
}

function checkBoolean(value: unknown): void {
  if (typeof value !== 'boolean') refuse('Expected true or false.');
}

/** One check per argument; a channel's arity is the length of its list. */
const ARGUMENTS: Readonly<Record<InvokeChannelName, ReadonlyArray<(value: unknown) => void>>> = {
  'calls:list': [],
  'calls:refresh': [],
  'calls:resume': [checkCallId],
  'calls:resume-top': [],
  'calls:connect': [checkCallId],
  'session:get': [],
  'session:sign-in': [checkSignIn],
  'session:sign-out': [],
  'demo:start': [],
  'settings:get': [],
  'settings:set': [checkSettingsPatch],
  'hotkeys:capture': [checkBoolean],
  'panel:hide': [],
};

/** Returns the arguments unchanged when they fit the channel; throws AppError (kind 'input') otherwise. */
export function validateArgs(channel: string, args: unknown[]): unknown[] {
  if (!isInvokeChannel(channel)) throw new AppError('UNKNOWN_CHANNEL', 'input', `"${String(channel).slice(0, 40)}" is not an app request.`);
  const checks = ARGUMENTS[channel];
  if (!Array.isArray(args) || args.length !== checks.length) {
    refuse(`${channel} takes ${checks.length === 0 ? 'no arguments' : `${checks.length} argument${checks.length > 1 ? 's' : ''}`}.`);
  }
  checks.forEach((check, index) => check(args[index]));
  return args;
}

/**
 * Our own main frame only: the built renderer's index.html over file://, or the electron-vite dev
 * server's origin in development. Anything else (a navigated frame, an injected iframe) is refused.
 */
export function isTrustedSender(frameUrl: string, expected: { devServerUrl?: string; rendererFile: string }): boolean {
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  if (expected.devServerUrl) {
    try {
      const dev = new URL(expected.devServerUrl);
      if ((dev.protocol === 'http:' || dev.protocol === 'https:') && url.origin === dev.origin) return true;
    } catch {
      // An unparsable dev URL trusts nothing.
    }
  }
  if (url.protocol !== 'file:' || url.host !== '' || !isAbsolute(expected.rendererFile)) return false;
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch {
    return false;
  }
  const want = resolve(expected.rendererFile);
  return process.platform === 'win32' ? path.toLowerCase() === want.toLowerCase() : path === want;
}
