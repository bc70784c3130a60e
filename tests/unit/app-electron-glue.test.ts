// The preload bridge and the IPC registration, with Electron replaced by small fakes
// (the real module needs the Electron binary).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { InvokeChannel } from '../../shared/ipc-contract';
import type { CecBridge } from '../../shared/ipc-contract';

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
      ['listCalls', 'refresh', 'resume', 'resumeTop', 'connect', 'getSession', 'signIn', 'signOut', 'startDemo', 'getSettings', 'setSettings', 'captureHotkeys', 'hidePanel', 'on'].sort(),
    );
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
    expect([...fake.exposed.keys()]).toEqual(['cecBridge']);
  });

  it('invokes the channel; createCecApi unwraps the reply and turns a refusal into an Error with code and kind', async () => {
    const { createCecApi } = await import('../../shared/cec-api');
    const api = createCecApi(fake.exposed.get('cecBridge') as CecBridge);
    fake.invoke.mockResolvedValueOnce({ ok: true, value: { ok: true, action: 'resume', callid: 'c1', message: 'Resumed' } });
    await expect(api.resume('c1')).resolves.toMatchObject({ callid: 'c1' });
    expect(fake.invoke).toHaveBeenCalledWith('calls:resume', 'c1');
    fake.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'NOT_SIGNED_IN', kind: 'signed-out', message: 'Sign in first.' } });
    const error = await api.resume('c1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ message: 'Sign in first.', code: 'NOT_SIGNED_IN', kind: 'signed-out' });
  });

  it('on() accepts only push channels, hides the event object and unsubscribes', () => {
    const api = fake.exposed.get('cecBridge') as { on(channel: string, fn: (p: unknown) => void): () => void };
    expect(() => api.on('calls:resume', () => undefined)).toThrow(/not an app event/);
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
  const trusted = 'file:///app/out/renderer/index.html';
  const event = (overrides: Partial<{ url: string; parent: unknown; sender: unknown }> = {}) => ({
    sender: overrides.sender ?? ourContents,
    senderFrame: { url: overrides.url ?? trusted, parent: overrides.parent ?? null },
  });

  async function setup() {
    const { registerIpc } = await import('../../electron/main/ipc');
    const { AppError } = await import('../../electron/app/ipc-envelope');
    const pushes: Array<(channel: string, payload: unknown) => void> = [];
    const resume = vi.fn(async (callid: unknown) => ({ ok: true, action: 'resume', callid, message: 'Resumed' }));
    const service = {
      handlers: new Proxy({ 'calls:resume': resume, 'calls:list': async () => { throw new AppError('X', 'server', 'boom'); } } as Record<string, unknown>, {
        get: (target, key: string) => target[key] ?? (async () => undefined),
      }),
      onPush: (fn: (channel: string, payload: unknown) => void) => {
        pushes.push(fn);
        return () => pushes.splice(pushes.indexOf(fn), 1);
      },
    };
    const stop = registerIpc(service as never, { contents: () => ourContents as never, isTrustedUrl: (u) => u === trusted, log: () => undefined });
    return { stop, resume, pushes };
  }

  it('registers every channel and replies with an envelope', async () => {
    const { stop, resume } = await setup();
    expect([...fake.handlers.keys()].sort()).toEqual(Object.values(InvokeChannel).sort());
    await expect(fake.handlers.get('calls:resume')!(event(), 'c1')).resolves.toMatchObject({ ok: true, value: { callid: 'c1' } });
    await expect(fake.handlers.get('calls:list')!(event())).resolves.toEqual({ ok: false, error: { code: 'X', kind: 'server', message: 'boom' } });
    await expect(fake.handlers.get('calls:resume')!(event(), '../x')).resolves.toMatchObject({ ok: false, error: { kind: 'input' } });
    expect(resume).toHaveBeenCalledTimes(1);
    stop();
    expect(fake.handlers.size).toBe(0);
  });

  it.each([
    ['another page', { url: 'https://evil.example/' }],
    ['a subframe', { parent: {} }],
    ['another window', { sender: { isDestroyed: () => false } }],
  ])('refuses %s before any handler runs', async (_name, overrides) => {
    const { stop, resume } = await setup();
    const reply = await fake.handlers.get('calls:resume')!(event(overrides), 'c1');
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER', kind: 'permission' } });
    expect(resume).not.toHaveBeenCalled();
    stop();
  });

  it('forwards pushes to our window only', async () => {
    const { stop, pushes } = await setup();
    pushes[0]!('held-calls-changed', []);
    expect(ourContents.send).toHaveBeenCalledWith('held-calls-changed', []);
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
      heldCalls: () => Array.from({ length: held }, () => ({})),
      showView: (view: string) => calls.push(`show-view:${view}`),
      handlers: { 'session:sign-out': async () => void calls.push('sign-out') },
    };
    const actions = createActions({
      service: () => service as never,
      feedback: { error: () => undefined, outcome: () => undefined } as never,
      togglePanel: () => undefined,
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
