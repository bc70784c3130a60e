import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InvokeChannel, type InvokeChannelName } from '../../shared/ipc-contract';
import { AppError } from '../../electron/app/ipc-envelope';
import { isInvokeChannel, isTrustedSender, validateArgs } from '../../electron/app/ipc-validate';

function refusal(channel: string, args: unknown[]): AppError {
  try {
    validateArgs(channel, args);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('input');
    return error as AppError;
  }
  throw new Error(`${channel} accepted ${JSON.stringify(args)}`);
}

const NO_ARGS: InvokeChannelName[] = [
  'calls:list',
  'calls:refresh',
  'calls:resume-top',
  'session:get',
  'session:sign-out',
  'demo:start',
  'settings:get',
  'panel:hide',
];

describe('validateArgs', () => {
  it('covers every channel of the contract', () => {
    for (const channel of Object.values(InvokeChannel)) {
      expect(isInvokeChannel(channel)).toBe(true);
      expect(() => validateArgs(channel, ['surplus', 'args'])).toThrow(AppError);
    }
    expect(isInvokeChannel('calls:delete-all')).toBe(false);
    expect(refusal('calls:delete-all', []).code).toBe('UNKNOWN_CHANNEL');
  });

  it.each(NO_ARGS)('%s takes no arguments', (channel) => {
    expect(validateArgs(channel, [])).toEqual([]);
    expect(refusal(channel, [1]).message).toMatch(/no arguments/);
  });

  it.each(['calls:resume', 'calls:connect'] as const)('%s needs one call id', (channel) => {
    expect(validateArgs(channel, ['1501127996-2'])).toEqual(['1501127996-2']);
    expect(refusal(channel, ['../../logout']).message).toMatch(/call id/);
    expect(refusal(channel, [42]).message).toMatch(/call id/);
    expect(refusal(channel, ['x'.repeat(65)]).message).toMatch(/call id/);
    expect(refusal(channel, []).message).toMatch(/1 argument/);
  });

  it('session:sign-in accepts only the known optional fields', () => {
    expect(validateArgs('session:sign-in', [{}])).toHaveLength(1);
    expect(validateArgs('session:sign-in', [{ password: 'pw', remember: true, force: false }])).toHaveLength(1);
    expect(refusal('session:sign-in', [{ password: 'x'.repeat(65) }]).message).toMatch(/too long/);
    expect(refusal('session:sign-in', [{ password: 123 }]).message).toMatch(/must be text/);
    expect(refusal('session:sign-in', [{ remember: 'yes' }]).message).toMatch(/true or false/);
    expect(refusal('session:sign-in', [{ guid: 'abc' }]).message).toMatch(/not part of a sign-in request/);
    expect(refusal('session:sign-in', ['pw']).message).toMatch(/object/);
    expect(refusal('session:sign-in', [null]).message).toMatch(/object/);
  });

  it('settings:set accepts known keys with the right types', () => {
    const patch = { gatewayUrl: 'https://gw:8043', warnAfterSec: 30, pinned: true, listOrder: 'newest-first', hotkeys: { resumeTop: 'F8' } };
    expect(validateArgs('settings:set', [patch])).toEqual([patch]);
    expect(validateArgs('settings:set', [{}])).toEqual([{}]);
  });

  it.each([
    [{ nope: 1 }, /not a setting/],
    [{ toString: 'x' }, /not a setting/],
    [{ __proto__: { pinned: true } }, /object/],
    [{ gatewayUrl: 5 }, /must be text/],
    [{ gatewayUrl: 'h'.repeat(2049) }, /too long/],
    [{ warnAfterSec: 4 }, /5 to 3600/],
    [{ alertAfterSec: 3600.5 }, /whole number/],
    [{ listOrder: 'random' }, /one of/],
    [{ availability: 'away' }, /one of/],
    [{ pinned: 'true' }, /true or false/],
    [{ hotkeys: { launchRockets: 'F1' } }, /not a hotkey action/],
    [{ hotkeys: { resumeTop: 'A+'.repeat(40) } }, /too long/],
    [{ hotkeys: ['F1'] }, /object/],
  ])('settings:set refuses %j', (patch, message) => {
    expect(refusal('settings:set', [patch]).message).toMatch(message);
  });

  it('hotkeys:capture needs a boolean', () => {
    expect(validateArgs('hotkeys:capture', [true])).toEqual([true]);
    expect(refusal('hotkeys:capture', ['true']).message).toMatch(/true or false/);
    expect(refusal('hotkeys:capture', []).message).toMatch(/1 argument/);
  });
});

describe('isTrustedSender', () => {
  it('trusts the panel page on the app:// origin, with or without a hash', () => {
    expect(isTrustedSender('app://panel/index.html')).toBe(true);
    expect(isTrustedSender('app://panel/index.html#/settings')).toBe(true);
  });

  it('refuses other app:// pages and hosts, any file:// page, other schemes and remote hosts', () => {
    expect(isTrustedSender('app://panel/assets/evil.html')).toBe(false);
    expect(isTrustedSender('app://panel/index.html?x=1')).toBe(false);
    expect(isTrustedSender('app://other/index.html')).toBe(false);
    expect(isTrustedSender('app://user@panel/index.html')).toBe(false);
    expect(isTrustedSender(pathToFileURL(join('/opt/app/out/renderer', 'index.html')).href)).toBe(false);
    expect(isTrustedSender('file://attacker/share/index.html')).toBe(false);
    expect(isTrustedSender('https://example.com/')).toBe(false);
    expect(isTrustedSender('about:blank')).toBe(false);
    expect(isTrustedSender('not a url')).toBe(false);
  });

  it('trusts the dev server origin only when one is configured', () => {
    const devServerUrl = 'http://localhost:5173/';
    expect(isTrustedSender('http://localhost:5173/index.html', { devServerUrl })).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', { devServerUrl })).toBe(false);
    expect(isTrustedSender('http://localhost:5173/')).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', { devServerUrl: 'file:///x' })).toBe(false);
  });
});
