// Saving settings (issue 6): commit() validates, writes, runs each changed setting's reaction once
// in the spec's order, builds the view once, pushes it once, and replies with that same view.
// Wired as electron/main/index.ts wires it: the REAL createAppService, the REAL HotkeyController
// (its onStatus publishes the settings view) and the REAL installSettingsReactions, with
// Electron's globalShortcut replaced by a registry in which one accelerator is taken by
// "another program". Reproduces the review's finding: saving a new hotkey used to send two
// pushes, and the invoke reply was the stale view.
import { describe, expect, it, vi } from 'vitest';
import type { InvokeReply, PushChannelName, SessionView } from '../../shared/ipc-contract';
import { DEFAULT_HOTKEYS, SETTINGS_KEYS, settingSpec, type Effect, type SettingsView } from '../../shared/settings';
import { createAppService, type AppService } from '../../electron/app/app-service';
import type { ShortcutRegistry } from '../../electron/app/hotkeys';
import { dispatch } from '../../electron/app/ipc-dispatch';
import { memoryVault } from '../../electron/app/memory-settings';
import { createSettingsStore, memoryKeyValueStore, type KeyValueStore } from '../../electron/app/settings-store';
import { HotkeyController } from '../../electron/main/hotkeys';
import { installSettingsReactions } from '../../electron/main/settings-reactions';

// settings-reactions → login-item imports Electron's `app`; launch at login is a no-op on Linux,
// so this stand-in is only there for the import (and would record a call elsewhere).
const loginItems = vi.hoisted(() => ({ set: [] as boolean[] }));
vi.mock('electron', () => ({
  app: {
    getLoginItemSettings: () => ({ openAtLogin: false }),
    setLoginItemSettings: (s: { openAtLogin: boolean }) => loginItems.set.push(s.openAtLogin),
  },
}));

const TAKEN = 'CommandOrControl+Alt+J';

function fakeShortcut(taken: string[]) {
  const callbacks = new Map<string, () => void>();
  const shortcut: ShortcutRegistry = {
    register: vi.fn((accelerator: string, fn: () => void) => {
      if (taken.includes(accelerator) || callbacks.has(accelerator)) return false;
      callbacks.set(accelerator, fn);
      return true;
    }),
    unregister: vi.fn((accelerator: string) => void callbacks.delete(accelerator)),
    unregisterAll: vi.fn(() => callbacks.clear()),
    isRegistered: (accelerator: string) => callbacks.has(accelerator),
  };
  return shortcut;
}

/** The effects in the order the spec first names them: the order reactions must run in. */
const SPEC_EFFECT_ORDER: Effect[] = [...new Set(SETTINGS_KEYS.map((key) => settingSpec(key).effect))].filter((e) => e !== 'none');

function wiredApp() {
  const kv = memoryKeyValueStore();
  const writes: Array<[string, unknown]> = [];
  const recording: KeyValueStore = { get: kv.get, set: (key, value) => (writes.push([key, value]), kv.set(key, value)) };
  const settings = createSettingsStore(recording, { path: '/nowhere/admin.json', settings: {}, lock: [] });
  const shortcut = fakeShortcut([TAKEN]);
  const log: string[] = [];
  const pushes: Array<[PushChannelName, unknown]> = [];
  const panel: unknown[] = [];

  let service: AppService | undefined;
  const hotkeys = new HotkeyController({
    shortcut,
    hotkeys: () => settings.get().hotkeys,
    run: () => undefined,
    onStatus: () => {
      log.push('hotkeys registered');
      service?.settings.publish();
    },
  });
  service = createAppService({
    settings,
    vault: memoryVault(),
    readCaFile: async () => '',
    startDemoGateway: () => Promise.reject(new Error('no demo here')),
    hotkeyStatus: () => hotkeys.current(),
    onCaptureHotkeys: (capturing) => hotkeys.setCapturing(capturing),
  });
  const app = service;
  // Observers first, per effect, so the log shows when each effect's turn came.
  for (const effect of SPEC_EFFECT_ORDER) app.settings.react(effect, () => log.push(`effect ${effect}`));
  installSettingsReactions({
    settings: app.settings,
    applyToPanel: (s) => {
      log.push('panel');
      panel.push({ alwaysOnTop: s.alwaysOnTop, pinned: s.pinned });
    },
    applyHotkeys: () => hotkeys.apply(),
    refreshTray: () => log.push('tray'),
  });
  app.onPush((channel, payload) => {
    pushes.push([channel, payload]);
    log.push(`push ${channel}`);
  });
  hotkeys.apply(true);
  const startup = { pushes: pushes.length, log: log.length, writes: writes.length, registers: (shortcut.register as ReturnType<typeof vi.fn>).mock.calls.length };
  pushes.length = 0;
  log.length = 0;
  writes.length = 0;
  const invoke = (channel: string, ...args: unknown[]): Promise<InvokeReply<unknown>> => dispatch(app, channel, args);
  const settingsPushes = (): SettingsView[] => pushes.filter(([ch]) => ch === 'settings-changed').map(([, p]) => p as SettingsView);
  return { app, settings, shortcut, hotkeys, log, pushes, writes, panel, invoke, settingsPushes, startup };
}

describe('settings commit: one push, and the reply is that fresh view', () => {
  it('at start-up the hotkeys are registered and their status published once', () => {
    const { startup } = wiredApp();
    expect(startup.pushes).toBe(1);
    expect(startup.writes).toBe(0);
  });

  it('saving a new hotkey that another program holds: ONE push, the reply equals it and says "taken"', async () => {
    const { invoke, settingsPushes, pushes, shortcut } = wiredApp();
    const reply = await invoke('settings:set', { hotkeys: { resumeTop: TAKEN } });
    expect(reply.ok).toBe(true);
    const view = (reply as { ok: true; value: SettingsView }).value;
    expect(settingsPushes()).toHaveLength(1);
    expect(pushes).toHaveLength(1);
    expect(view).toEqual(settingsPushes()[0]);
    expect(view.settings.hotkeys.resumeTop).toBe(TAKEN);
    expect(view.hotkeys.find((h) => h.action === 'resumeTop')).toEqual({ action: 'resumeTop', accelerator: TAKEN, status: 'taken' });
    // The old accelerator is no longer ours.
    expect(shortcut.isRegistered(DEFAULT_HOTKEYS.resumeTop)).toBe(false);
  });

  it('saving a free hotkey: ONE push, the reply equals it and says "registered"', async () => {
    const { invoke, settingsPushes, shortcut } = wiredApp();
    const reply = await invoke('settings:set', { hotkeys: { refresh: 'CommandOrControl+Alt+F' } });
    const view = (reply as { ok: true; value: SettingsView }).value;
    expect(settingsPushes()).toEqual([view]);
    expect(view.hotkeys.find((h) => h.action === 'refresh')).toEqual({ action: 'refresh', accelerator: 'CommandOrControl+Alt+F', status: 'registered' });
    expect(shortcut.isRegistered('CommandOrControl+Alt+F')).toBe(true);
  });

  /** Keys sent in the reverse of the spec's order, two of them sharing the 'window' effect. */
  const EVERY_EFFECT = {
    gatewayUrl: 'https://gw.example:8043',
    language: 'zh-CN',
    pinned: true,
    alwaysOnTop: false,
    launchAtLogin: true,
    listOrder: 'newest-first',
    autoSignIn: false,
    hotkeys: { refresh: 'CommandOrControl+Alt+F' },
  };

  it('runs each changed effect once, all before the one push', async () => {
    const { invoke, log, panel, settingsPushes } = wiredApp();
    const reply = await invoke('settings:set', EVERY_EFFECT);
    expect(reply.ok).toBe(true);
    const effects = log.filter((line) => line.startsWith('effect ')).map((line) => line.slice(7));
    expect([...effects].sort()).toEqual(['connection', 'hotkeys', 'list-order', 'locale', 'login-item', 'session', 'window']);
    // Each effect's reaction once: the panel got both window flags in one go.
    expect(panel).toEqual([{ alwaysOnTop: false, pinned: true }]);
    expect(log.filter((line) => line === 'hotkeys registered')).toHaveLength(1);
    expect(log.filter((line) => line === 'tray')).toHaveLength(1);
    // Every reaction ran before the single settings push, which is last.
    expect(settingsPushes()).toHaveLength(1);
    expect(settingsPushes()[0]).toEqual((reply as { ok: true; value: SettingsView }).value);
    expect(log.indexOf('push settings-changed')).toBe(log.length - 1);
  });

  it('runs the effects in the spec order, whatever order the page sent the keys in', async () => {
    const { invoke, log } = wiredApp();
    await invoke('settings:set', EVERY_EFFECT);
    const effects = log.filter((line) => line.startsWith('effect ')).map((line) => line.slice(7));
    expect(SPEC_EFFECT_ORDER).toEqual(['hotkeys', 'list-order', 'session', 'login-item', 'window', 'locale', 'connection']);
    expect(effects).toEqual(SPEC_EFFECT_ORDER);
  });

  it('a changed gateway pushes the session (configured now) before the settings view', async () => {
    const { invoke, pushes } = wiredApp();
    await invoke('settings:set', { gatewayUrl: 'https://gw.example:8043', agentId: '1001' });
    expect(pushes.map(([ch]) => ch)).toEqual(['session-changed', 'settings-changed']);
    expect(pushes[0]![1]).toMatchObject({ status: 'signed-out', configured: true } satisfies Partial<SessionView>);
  });

  it.each([
    [{ warnAfterSec: 200 }, 'warnAfterSec', 'settings.warn-before-alert'],
    [{ hotkeys: { refresh: 'Ctrl+C' } }, 'hotkeys', 'hotkey.reserved'],
    [{ hotkeys: { connectTop: 'CommandOrControl+Alt+R' } }, 'hotkeys', 'settings.hotkey-used'],
    [{ gatewayUrl: 'http://gw.example:8043' }, 'gatewayUrl', 'config.gateway-not-https'],
    [{ gatewayUrl: 'not a url' }, 'gatewayUrl', 'config.gateway-invalid'],
    [{ agentId: '99' }, 'agentId', 'config.agent-id'],
    [{ pinned: true, agentId: '1000000' }, 'agentId', 'config.agent-id'],
    [{ nope: 1 }, undefined, 'settings.not-a-setting'],
  ])('a refused commit %j pushes nothing, writes nothing, runs nothing, and names the field', async (patch, key, id) => {
    const { invoke, pushes, writes, log, shortcut, settings } = wiredApp();
    const before = settings.get();
    const registers = (shortcut.register as ReturnType<typeof vi.fn>).mock.calls.length;
    const reply = await invoke('settings:set', patch);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'input', message: { id } } });
    expect((reply as { ok: false; error: { field?: { key?: string } } }).error.field?.key).toBe(key);
    expect(pushes).toEqual([]);
    expect(writes).toEqual([]);
    expect(log).toEqual([]);
    expect((shortcut.register as ReturnType<typeof vi.fn>).mock.calls.length).toBe(registers);
    expect(settings.get()).toEqual(before);
  });

  it('a commit that changes nothing runs no reaction and still replies with the one pushed view', async () => {
    const { invoke, log, settingsPushes } = wiredApp();
    const reply = await invoke('settings:set', { warnAfterSec: 60 });
    expect(log).toEqual(['push settings-changed']);
    expect(settingsPushes()).toEqual([(reply as { ok: true; value: SettingsView }).value]);
  });

  it('a status change outside a commit (capture ends) is published once', async () => {
    const { invoke, settingsPushes } = wiredApp();
    await invoke('hotkeys:capture', true);
    expect(settingsPushes()).toHaveLength(0);
    await invoke('hotkeys:capture', false);
    expect(settingsPushes()).toHaveLength(1);
    expect(settingsPushes()[0]!.hotkeys.find((h) => h.action === 'resumeTop')?.status).toBe('registered');
  });
});
