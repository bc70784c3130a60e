// The app service is what the panel, tray and hotkeys call: the panel through the one IPC
// dispatch (as Electron's ipcMain and the browser preview do), the tray and hotkeys through
// execute(command, source). Exercised here with the real in-memory settings store against the
// simulator over real HTTPS.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HOTKEY_BINDINGS, type Command } from '../../shared/commands';
import { vaultBindingOf } from '../../electron/app/vault-binding';
import { english } from '../../shared/i18n';
import type { CommandOutcome, InvokeReply, PushChannelName, SessionView } from '../../shared/ipc-contract';
import type { ActionResult, HeldCall } from '../../shared/model';
import type { Settings } from '../../shared/settings';
import { createAppService, type AppService } from '../../electron/app/app-service';
import { startDemoSimulator } from '../../electron/app/demo-gateway';
import { dispatch } from '../../electron/app/ipc-dispatch';
import { createMemorySettings, memoryVault } from '../../electron/app/memory-settings';
import type { Simulator } from '../../electron/simulator/index';
import { AGENT, closeAll, sim, waitFor } from './helpers';

const services: AppService[] = [];
afterEach(async () => {
  await Promise.allSettled(services.splice(0).map((s) => s.dispose()));
  await closeAll();
});

function caFileFor(s: Simulator): string {
  const caFile = join(mkdtempSync(join(tmpdir(), 'cec-app-')), 'ca.pem');
  writeFileSync(caFile, s.caPem);
  return caFile;
}

function service(s: Simulator | undefined, initial: Partial<Settings> = {}) {
  const pushes: Array<[PushChannelName, unknown]> = [];
  const vault = memoryVault();
  const app = createAppService({
    settings: createMemorySettings(s ? { gatewayUrl: s.url, agentId: AGENT, caFile: caFileFor(s), ...initial } : initial),
    vault,
    readCaFile: async (path) => (await import('node:fs/promises')).readFile(path, 'utf8'),
    startDemoGateway: () => startDemoSimulator({ newHoldEveryMs: 60_000 }),
    hotkeyStatus: () => [],
  });
  app.onPush((channel, payload) => pushes.push([channel, payload]));
  services.push(app);
  /** What the panel gets for an invoke: the reply envelope, never a thrown error. */
  const invoke = (channel: string, ...args: unknown[]): Promise<InvokeReply<unknown>> => dispatch(app, channel, args);
  /** The value of a successful invoke (fails the test on a refusal). */
  const value = async <T>(channel: string, ...args: unknown[]): Promise<T> => {
    const reply = await invoke(channel, ...args);
    if (!reply.ok) throw new Error(`${channel} refused: ${english.t(reply.error.message)}`);
    return reply.value as T;
  };
  return { app, pushes, vault, invoke, value };
}

const SEED = { [AGENT]: [{ caller: '0701', called: '1' }, { caller: '0702', called: '2' }] };

const binding = (s: { url: string }) => vaultBindingOf(s.url, AGENT);

describe('app service', () => {
  it('signs in with the configured gateway and CA, and pushes session and held-call changes', async () => {
    const s = await sim({ seed: SEED });
    const { value, pushes } = service(s);
    const view = await value<SessionView>('session:sign-in', { password: 'pw' });
    expect(view).toMatchObject({ status: 'signed-in', configured: true, demo: false, canRememberPassword: true });
    expect((await value<{ calls: HeldCall[] }>('calls:list')).calls.map((c) => c.caller)).toEqual(['0701', '0702']);
    const id = s.script.holdNew(AGENT, { caller: '0703', called: '3' });
    await waitFor(() => pushes.some(([ch, p]) => ch === 'held-calls-changed' && (p as { calls: Array<{ callid: string }> }).calls.some((c) => c.callid === id)));
    expect(pushes.some(([ch, p]) => ch === 'session-changed' && (p as { status: string }).status === 'signed-in')).toBe(true);
  });

  it('refuses bad arguments with a clear error before anything reaches the gateway', async () => {
    const s = await sim({ seed: SEED });
    const { value, invoke } = service(s);
    await value('session:sign-in', { password: 'pw' });
    const before = s.stats.count({ path: 'gethold' });
    for (const bad of [[], [{ type: 'resume', callid: '../logout' }], [{ type: 'resume', callid: 42 }], [{ type: 'resume' }], [{ type: 'resume', callid: 'a' }, 'b'], ['resume']]) {
      const reply = await invoke('command:execute', ...bad);
      expect(reply, JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', kind: 'input', message: { id: 'client.INVALID_ARGUMENT' } } });
    }
    expect(await invoke('session:sign-in', { password: 7 })).toMatchObject({ ok: false, error: { kind: 'input' } });
    expect(await invoke('settings:set', { nope: 1 })).toMatchObject({ ok: false, error: { kind: 'input', message: { id: 'settings.not-a-setting' } } });
    expect(s.stats.count({ path: 'gethold' })).toBe(before);
  });

  it('says what is missing: configuration, then a password', async () => {
    const { invoke } = service(undefined);
    const unconfigured = await invoke('session:sign-in', { password: 'pw' });
    expect(unconfigured).toMatchObject({ ok: false, error: { code: 'NOT_CONFIGURED', kind: 'config', message: { id: 'client.NOT_CONFIGURED' } } });
    const s = await sim();
    const { invoke: configured } = service(s);
    expect(await configured('session:sign-in', {})).toMatchObject({ ok: false, error: { code: 'PASSWORD_REQUIRED', kind: 'credentials', message: { id: 'client.PASSWORD_REQUIRED' } } });
  });

  it('says which CA file could not be read', async () => {
    const s = await sim();
    const { invoke } = service(s, { caFile: '/nonexistent/cec-ca.pem' });
    const reply = await invoke('session:sign-in', { password: 'pw' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'CA_FILE', kind: 'config', message: { id: 'client.CA_FILE', params: { path: '/nonexistent/cec-ca.pem' } } } });
  });

  it('remembers the password only when asked, and signs in with it later', async () => {
    const s = await sim();
    const { value, vault } = service(s);
    await value('session:sign-in', { password: 'pw' });
    expect(vault.load(binding(s))).toBeUndefined();
    await value('session:sign-out');
    await value('session:sign-in', { password: 'pw2', remember: true });
    expect(vault.load(binding(s))).toBe('pw2');
    await value('session:sign-out');
    expect(await value('session:sign-in', {})).toMatchObject({ status: 'signed-in', passwordRemembered: true });
    // Signing in with remember: false forgets it.
    await value('session:sign-out');
    await value('session:sign-in', { password: 'pw2', remember: false });
    expect(vault.load(binding(s))).toBeUndefined();
  });

  it("runs hotkey commands and reports their outcome as a push, in the agent's words", async () => {
    const s = await sim({ seed: SEED });
    const { app, pushes, value } = service(s);
    await value('session:sign-in', { password: 'pw' });
    const [top] = app.listCalls().calls;
    const result = await app.execute(HOTKEY_BINDINGS.resumeTop, 'hotkey');
    expect(result).toMatchObject({ ok: true, callid: top!.callid, message: { id: 'result.resumed' } });
    expect(english.t(result!.message)).toBe('Resumed: you are talking to 0701 again.');
    expect(pushes).toContainEqual(['command-outcome', { command: HOTKEY_BINDINGS.resumeTop, source: 'hotkey', result }]);
    const third = await app.execute(HOTKEY_BINDINGS.resume3, 'hotkey');
    expect(third).toMatchObject({ ok: false, kind: 'nothing-held', message: { id: 'client.NOTHING_AT_POSITION', params: { position: 3 } } });
    expect(english.t(third!.message)).toBe('There is no call in position 3 on hold.');
    // A current call exists now (the resumed one): connecting the remaining held call works.
    expect(await app.execute(HOTKEY_BINDINGS.connectTop, 'hotkey')).toMatchObject({ ok: true, action: 'connect' });
  });

  it('the panel runs the same commands through command:execute, and its outcome is pushed too', async () => {
    const s = await sim({ seed: SEED });
    const { app, pushes, value } = service(s);
    await value('session:sign-in', { password: 'pw' });
    const second = app.listCalls().calls[1]!;
    const command: Command = { type: 'resume', callid: second.callid };
    const result = await value<ActionResult>('command:execute', command);
    expect(result).toMatchObject({ ok: true, action: 'resume', callid: second.callid });
    const outcome: CommandOutcome = { command, source: 'panel', result };
    expect(pushes).toContainEqual(['command-outcome', outcome]);
    expect(simHeldIds(s)).not.toContain(second.callid);
    // Refresh and toggle have no result, so there is no outcome to push.
    const outcomes = pushes.filter(([ch]) => ch === 'command-outcome').length;
    expect(await value('command:execute', { type: 'refresh' })).toBeNull();
    expect(pushes.filter(([ch]) => ch === 'command-outcome')).toHaveLength(outcomes);
  });

  it('answers a hotkey while signed out without throwing', async () => {
    const s = await sim();
    const { app } = service(s);
    const result = await app.execute(HOTKEY_BINDINGS.resumeTop, 'hotkey');
    expect(result).toMatchObject({ ok: false, kind: 'signed-out', message: { id: 'client.NOT_SIGNED_IN' } });
  });

  it('reorders the list when the order setting changes', async () => {
    const s = await sim();
    const { app, value } = service(s);
    await value('session:sign-in', { password: 'pw' });
    s.script.holdNew(AGENT, { caller: 'first', called: '1' });
    await new Promise((r) => setTimeout(r, 30));
    s.script.holdNew(AGENT, { caller: 'second', called: '1' });
    await waitFor(() => app.listCalls().calls.length === 2);
    expect(app.listCalls().calls[0]!.caller).toBe('first');
    await value('settings:set', { listOrder: 'newest-first' });
    expect(app.listCalls().calls[0]!.caller).toBe('second');
  });

  it('signs the old session out when the gateway changes, and on dispose', async () => {
    const a = await sim();
    const b = await sim();
    const { app, value } = service(a);
    await value('session:sign-in', { password: 'pw' });
    await value('settings:set', { gatewayUrl: b.url, caFile: caFileFor(b) });
    await value('session:sign-in', { password: 'pw' });
    expect(a.stats.count({ path: 'logout' })).toBe(1);
    expect(a.agentStatus(AGENT)).toBeUndefined();
    await app.dispose();
    expect(b.stats.count({ path: 'logout' })).toBe(1);
  });

  it('saving the gateway settings leads straight to sign-in (a session push says configured)', async () => {
    const s = await sim();
    const { value, pushes } = service(undefined);
    expect(await value<SessionView>('session:get')).toMatchObject({ status: 'signed-out', configured: false });
    await value('settings:set', { gatewayUrl: s.url, agentId: AGENT, caFile: caFileFor(s) });
    const sessions = pushes.filter(([ch]) => ch === 'session-changed').map(([, p]) => p as SessionView);
    expect(sessions.at(-1)).toMatchObject({ status: 'signed-out', configured: true });
    expect(await value('session:sign-in', { password: 'pw' })).toMatchObject({ status: 'signed-in' });
  });

  it('starts the demo gateway and signs in to it; after sign-out the demo is offered again', async () => {
    const { app, value } = service(undefined);
    const view = await value<SessionView>('demo:start');
    expect(view).toMatchObject({ status: 'signed-in', demo: true, configured: true });
    expect(app.listCalls().calls).toHaveLength(3);
    const after = await value<SessionView>('session:sign-out');
    // Back to first run: not configured (so "Try the demo" shows), no Demo badge, nothing held.
    expect(after).toMatchObject({ status: 'signed-out', demo: false, configured: false, reason: { id: 'client.SIGNED_OUT' } });
    expect(app.listCalls().calls).toEqual([]);
    expect(await value<SessionView>('demo:start')).toMatchObject({ status: 'signed-in', demo: true });
  });
});

const simHeldIds = (s: Simulator): string[] => s.script.calls(AGENT).filter((c) => c.state === 'held').map((c) => c.callid);
