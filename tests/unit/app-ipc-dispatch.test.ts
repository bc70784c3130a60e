// The one IPC dispatch (electron/app/ipc-dispatch.ts), shared by Electron's ipcMain and the
// browser preview: whatever the page sends, the answer is an envelope — INVALID_ARGUMENT or
// UNKNOWN_CHANNEL with a catalogue Message for anything malformed — and never a thrown error.
// Runs the REAL app service over the real in-memory settings store (no gateway needed: nothing
// malformed may get that far).
import { describe, expect, it, vi } from 'vitest';
import { english, isMessage } from '../../shared/i18n';
import { InvokeChannel, type InvokeChannelName, type InvokeReply } from '../../shared/ipc-contract';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { createAppService, type AppServiceDeps } from '../../electron/app/app-service';
import { dispatch } from '../../electron/app/ipc-dispatch';
import { createMemorySettings, memoryVault } from '../../electron/app/memory-settings';
import { EVERY_COMMAND } from './command-examples';

function app(overrides: Partial<AppServiceDeps> = {}) {
  const calls = { capture: [] as boolean[], hide: 0, demo: 0 };
  const service = createAppService({
    settings: createMemorySettings(),
    vault: memoryVault(),
    readCaFile: async () => '',
    startDemoGateway: () => {
      calls.demo += 1;
      return Promise.reject(new Error('no demo here'));
    },
    hotkeyStatus: () => [],
    onCaptureHotkeys: (capturing) => void calls.capture.push(capturing),
    onHidePanel: () => void (calls.hide += 1),
    ...overrides,
  });
  return { service, calls };
}

/** Dispatch, failing the test if it throws instead of answering with an envelope. */
async function reply(service: ReturnType<typeof app>['service'], channel: string, args: unknown): Promise<InvokeReply<unknown>> {
  let answer: InvokeReply<unknown> | undefined;
  await expect(
    (async () => {
      answer = await dispatch(service, channel, args as unknown[]);
    })(),
  ).resolves.toBeUndefined();
  return answer!;
}

function expectRefused(answer: InvokeReply<unknown>, code: string): void {
  expect(answer.ok).toBe(false);
  if (answer.ok) return;
  expect(answer.error.code).toBe(code);
  expect(answer.error.kind).toBe('input');
  expect(isMessage(answer.error.message)).toBe(true);
  expect(english.t(answer.error.message).length).toBeGreaterThan(10);
  // Plain data: it crosses IPC and JSON as is.
  expect(JSON.parse(JSON.stringify(answer.error))).toEqual(answer.error);
}

/** Arguments each channel accepts (a valid call), so "one more" is wrong arity. */
const VALID_ARGS: Record<InvokeChannelName, unknown[]> = {
  'calls:list': [],
  'calls:refresh': [],
  'command:execute': [EVERY_COMMAND.refresh],
  'session:get': [],
  'session:sign-in': [{ password: 'pw' }],
  'session:sign-out': [],
  'demo:start': [],
  'settings:get': [],
  'settings:set': [{ pinned: true }],
  'hotkeys:capture': [true],
  'panel:hide': [],
};

describe('dispatch', () => {
  it.each(['calls:delete-all', 'calls:resume', 'calls:resume-top', 'calls:connect', '', 'constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'unknown channel %j → UNKNOWN_CHANNEL envelope',
    async (channel) => {
      expectRefused(await reply(app().service, channel, []), 'UNKNOWN_CHANNEL');
    },
  );

  it('every channel of the contract is dispatched (none is unknown)', () => {
    expect(Object.keys(VALID_ARGS).sort()).toEqual(Object.values(InvokeChannel).sort());
  });

  it.each(Object.entries(VALID_ARGS))('%s: wrong arity → INVALID_ARGUMENT, and the handler never runs', async (channel, args) => {
    const { service, calls } = app();
    const commit = vi.spyOn(service.settings, 'commit');
    for (const wrong of [[...args, 'surplus'], args.length > 0 ? [] : [undefined], null, 'x', { 0: 'x' }]) {
      expectRefused(await reply(service, channel, wrong), 'INVALID_ARGUMENT');
    }
    expect(commit).not.toHaveBeenCalled();
    expect(calls).toEqual({ capture: [], hide: 0, demo: 0 });
  });

  it.each([
    ['command:execute', { ...EVERY_COMMAND.resume, extra: 1 }],
    ['command:execute', { ...EVERY_COMMAND['resume-position'], position: 0 }],
    ['command:execute', { type: 'resume', callid: '../../logout' }],
    ['command:execute', { type: 'hangup', callid: 'c1' }],
    ['session:sign-in', { password: 'pw', guid: 'x' }],
    ['session:sign-in', { password: 'x'.repeat(65) }],
    ['hotkeys:capture', 'yes'],
  ] as const)('%s with a malformed argument %j → INVALID_ARGUMENT', async (channel, arg) => {
    const { service, calls } = app();
    expectRefused(await reply(service, channel, [arg]), 'INVALID_ARGUMENT');
    expect(calls.capture).toEqual([]);
  });

  it('settings:set with extra or wrong keys → a refused setting naming the field; nothing saved', async () => {
    const { service } = app();
    const push = vi.fn();
    service.onPush(push);
    const unknown = await reply(service, 'settings:set', [{ pinned: true, launchRockets: true }]);
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'input', message: { id: 'settings.not-a-setting', params: { key: 'launchRockets' } } } });
    const wrongType = await reply(service, 'settings:set', [{ warnAfterSec: '60' }]);
    expect(wrongType).toMatchObject({ ok: false, error: { kind: 'input', field: { key: 'warnAfterSec' }, message: { id: 'settings.out-of-range' } } });
    expect(service.settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(push).not.toHaveBeenCalled();
  });

  it('valid calls reach their typed handler and answer ok', async () => {
    const { service, calls } = app();
    expect(await reply(service, 'calls:list', [])).toEqual({ ok: true, value: { calls: [], freshness: 'unknown' } });
    expect(await reply(service, 'session:get', [])).toMatchObject({ ok: true, value: { status: 'signed-out', configured: false } });
    expect(await reply(service, 'settings:get', [])).toMatchObject({ ok: true, value: { settings: DEFAULT_SETTINGS } });
    expect(await reply(service, 'settings:set', [{ pinned: true }])).toMatchObject({ ok: true, value: { settings: { pinned: true } } });
    expect(await reply(service, 'hotkeys:capture', [true])).toEqual({ ok: true, value: undefined });
    expect(await reply(service, 'panel:hide', [])).toEqual({ ok: true, value: undefined });
    expect(calls).toMatchObject({ capture: [true], hide: 1 });
    // Signed out: the command answers with its result, not a refusal of the request.
    expect(await reply(service, 'command:execute', [EVERY_COMMAND.resume])).toMatchObject({ ok: true, value: { ok: false, kind: 'signed-out' } });
    // A handler refusing (not configured) is an envelope too.
    expect(await reply(service, 'session:sign-in', [{ password: 'pw' }])).toMatchObject({ ok: false, error: { code: 'NOT_CONFIGURED', kind: 'config' } });
  });

  it('a bug in a handler answers INTERNAL without leaking its text', async () => {
    const { service } = app({
      hotkeyStatus: () => {
        throw new Error('boom: Guid=3f2504e0-4f89-11d3-9a0c-0305e82c3301 password=hunter2');
      },
    });
    const answer = await reply(service, 'settings:get', []);
    expect(answer).toEqual({ ok: false, error: { code: 'INTERNAL', kind: 'unknown', message: { id: 'client.INTERNAL' } } });
    expect(JSON.stringify(answer)).not.toMatch(/boom|hunter2|3f2504e0/);
  });

  it('a failing demo start answers with an envelope too', async () => {
    const { service, calls } = app();
    const answer = await reply(service, 'demo:start', []);
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: { id: 'client.INTERNAL' } } });
    expect(calls.demo).toBe(1);
  });
});
