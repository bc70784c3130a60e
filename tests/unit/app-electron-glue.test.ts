// The preload bridge and the IPC registration, with Electron replaced by small fakes
// (the real module needs the Electron binary).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { InvokeChannel } from '../../shared/ipc-contract';
import type { CecBridge } from '../../shared/ipc-contract';
import { english, msg } from '../../shared/i18n';

const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(),
  rendererListeners: new Map<string, Set<(...args: unknown[]) => void>>(),
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
  ipcRenderer: {
    invoke: fake.invoke,
    on: (channel: string, fn: (...args: unknown[]) => void) => {
      if (!fake.rendererListeners.has(channel)) fake.rendererListeners.set(channel, new Set());
      fake.rendererListeners.get(channel)!.add(fn);
    },
    removeListener: (channel: string, fn: (...args: unknown[]) => void) => fake.rendererListeners.get(channel)?.delete(fn),
  },
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => Promise<unknown>) => fake.handlers.set(channel, fn),
    removeHandler: (channel: string) => fake.handlers.delete(channel),
  },
}));

describe('preload', () => {
  beforeEach(() => fake.invoke.mockReset());

  it('exposes window.cecBridge with one method per API_METHODS entry plus on(), and no ipcRenderer', async () => {
    await import('../../electron/preload/index');
    const api = fake.exposed.get('cecBridge') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(
      ['listCalls', 'refresh', 'execute', 'getSession', 'signIn', 'signOut', 'startDemo', 'getSettings', 'setSettings', 'captureHotkeys', 'hidePanel', 'on'].sort(),
    );
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
    expect([...fake.exposed.keys()]).toEqual(['cecBridge']);
  });

  it('invokes the channel; createCecApi unwraps the reply and turns a refusal into an Error with code and kind', async () => {
    const { createCecApi } = await import('../../shared/cec-api');
    const api = createCecApi(fake.exposed.get('cecBridge') as CecBridge);
    const command = { type: 'resume', callid: 'c1' } as const;
    fake.invoke.mockResolvedValueOnce({ ok: true, value: { ok: true, action: 'resume', callid: 'c1', message: msg('result.resumed', { who: 'c1' }) } });
    await expect(api.execute(command)).resolves.toMatchObject({ callid: 'c1' });
    expect(fake.invoke).toHaveBeenCalledWith('command:execute', command);
    const refusal = msg('client.NOT_SIGNED_IN');
    fake.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'NOT_SIGNED_IN', kind: 'signed-out', message: refusal } });
    const error = await api.execute(command).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    // The page renders agentMessage in the agent's language; Error.message is the English for logs.
    expect(error).toMatchObject({ message: english.t(refusal), code: 'NOT_SIGNED_IN', kind: 'signed-out', agentMessage: refusal });
  });

  it('on() accepts only push channels, hides the event object and unsubscribes', () => {
    const api = fake.exposed.get('cecBridge') as { on(channel: string, fn: (p: unknown) => void): () => void };
    expect(() => api.on('command:execute', () => undefined)).toThrow(/not an app event/);
    const seen: unknown[] = [];
    const off = api.on('held-calls-changed', (payload) => seen.push(payload));
    for (const fn of fake.rendererListeners.get('held-calls-changed')!) fn({ sender: 'secret' }, ['call']);
    expect(seen).toEqual([['call']]);
    off();
    expect(fake.rendererListeners.get('held-calls-changed')!.size).toBe(0);
  });
});

describe('registerIpc', () => {
  const ourContents = { isDestroyed: () => false, send: vi.fn() };
  const trusted = 'app://panel/index.html';
  const event = (overrides: Partial<{ url: string; parent: unknown; sender: unknown }> = {}) => ({
    sender: overrides.sender ?? ourContents,
    senderFrame: { url: overrides.url ?? trusted, parent: overrides.parent ?? null },
  });

  async function setup() {
    const { registerIpc } = await import('../../electron/main/ipc');
    const { AppError } = await import('../../electron/app/ipc-envelope');
    const pushes: Array<(channel: string, payload: unknown) => void> = [];
    const execute = vi.fn(async (command: { callid?: string }, _source: string) => ({ ok: true, action: 'resume', callid: command.callid, message: msg('result.resumed', { who: 'x' }) }));
    const service = {
      execute,
      listCalls: () => {
        throw new AppError('X', 'server', msg('kind.server'));
      },
      onPush: (fn: (channel: string, payload: unknown) => void) => {
        pushes.push(fn);
        return () => pushes.splice(pushes.indexOf(fn), 1);
      },
    };
    const stop = registerIpc(service as never, { contents: () => ourContents as never, isTrustedUrl: (u) => u === trusted, log: () => undefined });
    return { stop, execute, pushes };
  }

  it('registers every channel and replies with an envelope', async () => {
    const { stop, execute } = await setup();
    expect([...fake.handlers.keys()].sort()).toEqual(Object.values(InvokeChannel).sort());
    await expect(fake.handlers.get('command:execute')!(event(), { type: 'resume', callid: 'c1' })).resolves.toMatchObject({ ok: true, value: { callid: 'c1' } });
    // The panel's commands all arrive with source 'panel'.
    expect(execute).toHaveBeenCalledWith({ type: 'resume', callid: 'c1' }, 'panel');
    await expect(fake.handlers.get('calls:list')!(event())).resolves.toEqual({ ok: false, error: { code: 'X', kind: 'server', message: msg('kind.server') } });
    await expect(fake.handlers.get('command:execute')!(event(), { type: 'resume', callid: '../x' })).resolves.toMatchObject({ ok: false, error: { kind: 'input' } });
    expect(execute).toHaveBeenCalledTimes(1);
    stop();
    expect(fake.handlers.size).toBe(0);
  });

  it.each([
    ['another page', { url: 'https://evil.example/' }],
    ['a subframe', { parent: {} }],
    ['another window', { sender: { isDestroyed: () => false } }],
  ])('refuses %s before any handler runs', async (_name, overrides) => {
    const { stop, execute } = await setup();
    const reply = await fake.handlers.get('command:execute')!(event(overrides), { type: 'resume', callid: 'c1' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER', kind: 'permission', message: msg('client.UNTRUSTED_SENDER') } });
    expect(execute).not.toHaveBeenCalled();
    stop();
  });

  it('forwards pushes to our window only', async () => {
    const { stop, pushes } = await setup();
    pushes[0]!('held-calls-changed', { calls: [], freshness: 'fresh' });
    expect(ourContents.send).toHaveBeenCalledWith('held-calls-changed', { calls: [], freshness: 'fresh' });
    stop();
    expect(pushes).toHaveLength(0);
  });
});

describe('tray actions', () => {
  it('"Sign out" with calls held shows the panel asking first; with none it signs out', async () => {
    const { createActions } = await import('../../electron/main/actions');
    const calls: string[] = [];
    let held = 2;
    const service = {
      listCalls: () => ({ calls: Array.from({ length: held }, () => ({})), freshness: 'fresh' }),
      showView: (view: string) => calls.push(`show-view:${view}`),
      signOut: async () => void calls.push('sign-out'),
    };
    const actions = createActions({
      service: () => service as never,
      feedback: { error: () => undefined, outcome: () => undefined } as never,
      showPanel: () => calls.push('show-panel'),
      quit: () => undefined,
    });
    await actions.runTray({ type: 'sign-out' });
    expect(calls).toEqual(['show-view:confirm-sign-out', 'show-panel']);
    held = 0;
    calls.length = 0;
    await actions.runTray({ type: 'sign-out' });
    expect(calls).toEqual(['sign-out']);
  });
});
