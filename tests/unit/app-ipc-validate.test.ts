import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InvokeChannel, type InvokeChannelName } from '../../shared/ipc-contract';
import { AppError } from '../../electron/app/ipc-envelope';
import { isInvokeChannel, isTrustedSender, validateArgs } from '../../electron/app/ipc-validate';

function refusal(channel: InvokeChannelName, args: unknown[]): AppError {
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
    // The channels the one command channel replaced are gone for good.
    for (const gone of ['calls:resume', 'calls:resume-top', 'calls:connect']) expect(isInvokeChannel(gone)).toBe(false);
  });

  it('refuses with the neutral catalogue message for the page and English detail for the log', () => {
    const error = refusal('panel:hide', [1]);
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.agentMessage).toEqual({ id: 'client.INVALID_ARGUMENT' });
    expect(error.message).toMatch(/panel:hide takes 0 argument/);
  });

  it.each(NO_ARGS)('%s takes no arguments', (channel) => {
    expect(validateArgs(channel, [])).toEqual([]);
    expect(refusal(channel, [1]).message).toMatch(/takes 0 argument/);
  });

  it.each(['resume', 'connect'] as const)('command:execute %s needs one valid call id', (type) => {
    expect(validateArgs('command:execute', [{ type, callid: '1501127996-2' }])).toEqual([{ type, callid: '1501127996-2' }]);
    expect(refusal('command:execute', [{ type, callid: '../../logout' }]).message).toMatch(/call id/);
    expect(refusal('command:execute', [{ type, callid: 42 }]).message).toMatch(/call id/);
    expect(refusal('command:execute', [{ type, callid: 'x'.repeat(65) }]).message).toMatch(/call id/);
    expect(refusal('command:execute', [{ type }]).message).toMatch(/call id/);
    expect(refusal('command:execute', []).message).toMatch(/1 argument/);
  });

  it('session:sign-in accepts only the known optional fields', () => {
    expect(validateArgs('session:sign-in', [{}])).toHaveLength(1);
    expect(validateArgs('session:sign-in', [{ password: 'pw', remember: true, force: false }])).toHaveLength(1);
    expect(refusal('session:sign-in', [{ password: 'x'.repeat(65) }]).message).toMatch(/at most 64/);
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
    [{ nope: 1 }, 'settings.not-a-setting', /"nope" is not a setting/, undefined],
    [{ toString: 'x' }, 'settings.not-a-setting', /not a setting/, undefined],
    [{ __proto__: { pinned: true } }, 'client.INVALID_ARGUMENT', /malformed request/, undefined],
    [{ gatewayUrl: 5 }, 'settings.invalid-type', /"Gateway address" has a value of the wrong type/, { key: 'gatewayUrl' }],
    [{ gatewayUrl: 'h'.repeat(2049) }, 'settings.too-long', /Gateway address is too long \(at most 2,048/, { key: 'gatewayUrl' }],
    [{ warnAfterSec: 4 }, 'settings.out-of-range', /from 5 to 3,600/, { key: 'warnAfterSec' }],
    [{ alertAfterSec: 3600.5 }, 'settings.out-of-range', /whole number/, { key: 'alertAfterSec' }],
    [{ listOrder: 'random' }, 'settings.not-an-option', /"random" is not one of the choices/, { key: 'listOrder' }],
    [{ availability: 'away' }, 'settings.not-an-option', /one of/, { key: 'availability' }],
    [{ language: 'fr' }, 'settings.not-an-option', /one of/, { key: 'language' }],
    [{ pinned: 'true' }, 'settings.invalid-type', /wrong type/, { key: 'pinned' }],
    [{ hotkeys: { launchRockets: 'F1' } }, 'settings.not-a-setting', /"launchRockets" is not a setting/, { key: 'hotkeys' }],
    [{ hotkeys: { resumeTop: 'A+'.repeat(40) } }, 'settings.invalid-type', /"Resume the top held call" has a value of the wrong type/, { key: 'hotkeys', action: 'resumeTop' }],
    [{ hotkeys: ['F1'] }, 'settings.invalid-type', /wrong type/, { key: 'hotkeys' }],
    [{ rememberPassword: true }, 'settings.not-a-setting', /not a setting/, undefined],
  ])('settings:set refuses %j', (patch, id, english, field) => {
    const error = refusal('settings:set', [patch]);
    expect(error.agentMessage.id).toBe(id);
    expect(error.message).toMatch(english);
    expect(error.field).toEqual(field);
  });

  it('hotkeys:capture needs a boolean', () => {
    expect(validateArgs('hotkeys:capture', [true])).toEqual([true]);
    expect(validateArgs('hotkeys:capture', [false])).toEqual([false]);
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
