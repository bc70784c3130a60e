// Every source reports a command's outcome the same way (issue 6): hotkeys, the tray and the
// panel all run through execute(command, source); the 'command-outcome' push feeds Feedback,
// which keeps the last failure for the tray and, when the panel is hidden and the command did
// not come from the panel, raises a notification in the agent's language. Electron's
// Notification and app are stand-ins; the app service is the real one (signed out, so every
// call action fails with a known message and no gateway is needed).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createTranslator, english, msg, type Translator } from '../../shared/i18n';
import type { CommandOutcome } from '../../shared/ipc-contract';
import { createAppService } from '../../electron/app/app-service';
import { createMemorySettings, memoryVault } from '../../electron/app/memory-settings';
import { createActions } from '../../electron/main/actions';
import { Feedback } from '../../electron/main/feedback';
import { translatorFor } from '../../electron/main/locale';

const fake = vi.hoisted(() => ({ shown: [] as Array<{ title: string; body: string }>, preferred: ['en-GB'] as string[] }));
vi.mock('electron', () => ({
  Notification: class {
    static isSupported = () => true;
    constructor(private readonly options: { title: string; body: string }) {}
    show(): void {
      fake.shown.push({ title: this.options.title, body: this.options.body });
    }
  },
  app: { getPreferredSystemLanguages: () => fake.preferred },
}));

beforeEach(() => {
  fake.shown.length = 0;
  fake.preferred = ['en-GB'];
});

function wired(options: { panelVisible: boolean; t?: Translator }) {
  const settings = createMemorySettings();
  const service = createAppService({
    settings,
    vault: memoryVault(),
    readCaFile: async () => '',
    startDemoGateway: () => Promise.reject(new Error('no demo here')),
    hotkeyStatus: () => [],
  });
  const changed = vi.fn();
  const feedback = new Feedback(() => options.panelVisible, () => options.t ?? english, changed);
  const shown = { panel: 0, quit: 0 };
  const actions = createActions({ service: () => service, feedback, showPanel: () => void (shown.panel += 1), quit: () => void (shown.quit += 1) });
  const outcomes: CommandOutcome[] = [];
  service.onPush((channel, payload) => {
    if (channel !== 'command-outcome') return;
    outcomes.push(payload as CommandOutcome);
    feedback.outcome(payload as CommandOutcome);
  });
  return { service, feedback, actions, outcomes, changed, shown, settings };
}

describe('command outcomes, from every source', () => {
  it('a hotkey while the panel is hidden: the outcome is pushed, kept for the tray, and notified', async () => {
    const { actions, outcomes, feedback } = wired({ panelVisible: false });
    await actions.runHotkey('resumeTop');
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ command: { type: 'resume-position', position: 1 }, source: 'hotkey', result: { ok: false, kind: 'signed-out' } });
    expect(feedback.lastFailure?.message).toEqual(msg('client.NOT_SIGNED_IN'));
    expect(fake.shown).toEqual([{ title: 'Held calls', body: 'You are not signed in to the gateway.' }]);
  });

  it('the tray runs the same command path and reports the same way', async () => {
    const { actions, outcomes } = wired({ panelVisible: false });
    await actions.runTray({ type: 'command', command: { type: 'resume', callid: 'c1' } });
    await actions.runTray({ type: 'command', command: { type: 'connect-position', position: 1 } });
    expect(outcomes.map((o) => [o.source, o.command.type, o.result.ok])).toEqual([
      ['tray', 'resume', false],
      ['tray', 'connect-position', false],
    ]);
    expect(fake.shown).toHaveLength(2);
  });

  it('the panel reports its own outcome: no notification, but the tray still learns of it', async () => {
    const { service, feedback, outcomes } = wired({ panelVisible: false });
    await service.execute({ type: 'resume', callid: 'c1' }, 'panel');
    expect(outcomes).toHaveLength(1);
    expect(feedback.lastFailure).toBeDefined();
    expect(fake.shown).toEqual([]);
  });

  it('no notification while the panel is showing (it says it there)', async () => {
    const { actions, feedback } = wired({ panelVisible: true });
    await actions.runHotkey('resume2');
    expect(feedback.lastFailure?.message).toMatchObject({ id: 'client.NOT_SIGNED_IN' });
    expect(fake.shown).toEqual([]);
  });

  it('notifies in the agent\'s language', async () => {
    const zh = createTranslator('zh-CN');
    const { actions } = wired({ panelVisible: false, t: zh });
    await actions.runHotkey('connectTop');
    expect(fake.shown).toEqual([{ title: zh.text('app.name'), body: zh.text('client.NOT_SIGNED_IN') }]);
    expect(fake.shown[0]!.body).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a success clears the last failure', () => {
    const { feedback } = wired({ panelVisible: false });
    feedback.error(msg('client.INTERNAL'));
    expect(feedback.lastFailure).toBeDefined();
    feedback.outcome({ command: { type: 'refresh' }, source: 'hotkey', result: { ok: true, action: 'refresh', message: msg('result.the-caller') } });
    expect(feedback.lastFailure).toBeUndefined();
  });

  it('tray-only actions: show, settings (asks the panel for the settings view), quit', async () => {
    const { actions, service, shown } = wired({ panelVisible: false });
    const views: unknown[] = [];
    service.onPush((channel, payload) => channel === 'show-view' && views.push(payload));
    await actions.runTray({ type: 'show' });
    await actions.runTray({ type: 'settings' });
    await actions.runTray({ type: 'quit' });
    expect(shown).toEqual({ panel: 2, quit: 1 });
    expect(views).toEqual(['settings']);
  });

  it('reports a newly taken hotkey once, with advice, and not again until it changes', () => {
    const { feedback } = wired({ panelVisible: false });
    const taken = [{ action: 'resumeTop' as const, accelerator: 'CommandOrControl+Alt+R', status: 'taken' as const }];
    feedback.hotkeys(taken);
    feedback.hotkeys(taken);
    expect(fake.shown).toHaveLength(1);
    expect(fake.shown[0]!.body).toMatch(/^Hotkey Ctrl\+Alt\+R is taken by another program\. Choose another one in Settings\.$/);
    feedback.hotkeys([]);
    feedback.hotkeys(taken);
    expect(fake.shown).toHaveLength(2);
  });
});

describe('the main process language', () => {
  it('follows the Language setting, or the OS when it says "Same as the computer"', () => {
    const settings = createMemorySettings();
    const t = translatorFor(() => settings.get());
    fake.preferred = ['zh-Hans-CN', 'en-US'];
    expect(t().locale).toBe('zh-CN');
    fake.preferred = ['de-DE'];
    expect(t().locale).toBe('en');
    settings.set({ language: 'zh-CN' });
    expect(t().locale).toBe('zh-CN');
    fake.preferred = ['zh-CN'];
    settings.set({ language: 'en' });
    expect(t().locale).toBe('en');
  });
});
