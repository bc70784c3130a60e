// Composition root of the Electron main process: single-instance lock, security restrictions,
// then on ready the settings, vault, app service, panel, tray, hotkeys and IPC. Behaviour lives
// in the modules it wires together.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, globalShortcut, safeStorage } from 'electron';
import type { CommandOutcome } from '../../shared/ipc-contract';
import { createAppService, type AppService } from '../app/app-service';
import { startDemoSimulator } from '../app/demo-gateway';
import { createAlertNotifier } from '../app/alert-notifier';
import { isTrustedSender } from '../app/ipc-validate';
import { launchHandoff } from '../app/launch-args';
import { HoldTimesFile } from '../core/hold-times-file';
import { createActions } from './actions';
import { handleAppScheme, registerAppScheme } from './app-protocol';
import { installE2eHooks } from './e2e-hooks';
import { Feedback, notify } from './feedback';
import { HotkeyController } from './hotkeys';
import { registerIpc } from './ipc';
import { createLaunchCommands } from './launch-commands';
import { translatorFor } from './locale';
import { devServerUrl, RENDERER_DIR } from './paths';
import { installSecurityRestrictions } from './security';
import { installSettingsReactions } from './settings-reactions';
import { installShutdown } from './shutdown';
import { openSettings } from './settings';
import { AppTray } from './tray';
import { createVault } from './vault';
import { PanelWindow } from './window';

// Tests and side-by-side installs get their own profile (settings, keychain blob, lock).
if (process.env.CEC_USER_DATA) app.setPath('userData', process.env.CEC_USER_DATA);

// Run as `electron <dir>` (development, tests), argv carries the app path before our flags.
const appPathFirst = process.defaultApp === true;
// A second launch hands its exact argv to the running instance (see launch-args.ts) and exits.
if (!app.requestSingleInstanceLock(launchHandoff(process.argv, appPathFirst))) {
  app.quit();
} else {
  const devUrl = devServerUrl(app.isPackaged);
  const isAppUrl = (url: string): boolean => isTrustedSender(url, { devServerUrl: devUrl });
  registerAppScheme();
  installSecurityRestrictions({ isAppUrl, log: (m) => console.warn(m) });
  if (process.platform === 'win32') app.setAppUserModelId('com.cec.held-calls');

  // A tray app: closing the panel must not quit.
  app.on('window-all-closed', () => undefined);

  app.whenReady().then(() => {
    app.dock?.hide();
    handleAppScheme(RENDERER_DIR, (m) => console.warn(m));
    const { store, settings, problems } = openSettings(app.getPath('userData'));
    const initial = settings.get();
    let service: AppService | undefined;
    let panel: PanelWindow | undefined;
    let tray: AppTray | undefined;
    const refreshTray = (): void => tray?.requestUpdate();
    const t = translatorFor(() => settings.get());
    const feedback = new Feedback(() => panel?.visible ?? false, t, refreshTray);

    const actions = createActions({
      service: () => service!,
      feedback,
      showPanel: () => panel?.show(),
      quit: () => app.quit(),
    });
    const vault = createVault(safeStorage, store);
    const hotkeys = new HotkeyController({
      shortcut: globalShortcut,
      hotkeys: () => settings.get().hotkeys,
      run: (action) => void actions.runHotkey(action),
      onStatus: (status) => {
        feedback.hotkeys(status);
        service?.settings.publish();
      },
    });

    service = createAppService({
      settings,
      vault,
      readCaFile: (path) => readFile(path, 'utf8'),
      startDemoGateway: () => startDemoSimulator(),
      hotkeyStatus: () => hotkeys.current(),
      onCaptureHotkeys: (capturing) => hotkeys.setCapturing(capturing),
      onHidePanel: () => panel?.hide(),
      onTogglePanel: () => panel?.toggle(),
      // Hold times outlive a restart (issue 8): first sightings in the user-data directory.
      holdTimes: HoldTimesFile.open(join(app.getPath('userData'), 'held-since.json')),
    });

    panel = new PanelWindow({ alwaysOnTop: initial.alwaysOnTop, pinned: initial.pinned, devServerUrl: devUrl, trayBounds: () => tray!.bounds });
    tray = new AppTray(
      () => {
        const list = service.listCalls();
        return {
          session: service.session(),
          calls: list.calls,
          current: service.currentCall(),
          freshness: list.freshness,
          readAt: list.readAt,
          now: Date.now(),
          hotkeys: hotkeys.current(),
          lastFailure: feedback.lastFailure,
          platform: process.platform,
          t: t(),
        };
      },
      (action) => void actions.runTray(action),
      () => panel?.toggle(),
    );
    const stopIpc = registerIpc(service, { contents: () => panel?.window.webContents, isTrustedUrl: isAppUrl, log: (m) => console.warn(m) });
    installSettingsReactions({
      settings: service.settings,
      applyToPanel: (now) => panel?.apply(now),
      applyHotkeys: () => hotkeys.apply(),
      refreshTray,
    });
    service.onPush((channel, payload) => {
      if (channel === 'command-outcome') feedback.outcome(payload as CommandOutcome);
      refreshTray();
    });
    hotkeys.apply(true);
    // Hold times, talk time, the age of a stale list and the re-sign-in countdown all need the tooltip kept current.
    const stopTicking = tray.startTicking(() => {
      const list = service.listCalls();
      return list.calls.length > 0 || list.freshness === 'stale' || service.currentCall() !== null;
    });
    const alerts = createAlertNotifier({
      calls: () => service.listCalls().calls,
      thresholds: () => settings.get(),
      signedIn: () => service.session().status !== 'signed-out',
      panelVisible: () => panel?.visible ?? false,
      notify: (message) => notify(t(), message),
    });
    const alertTimer = setInterval(() => alerts.tick(), 1_000);

    // A capture that never ended (panel hidden mid-capture, renderer crashed) must not leave the
    // agent without hotkeys.
    panel.window.on('hide', () => hotkeys.setCapturing(false));
    panel.window.webContents.on('render-process-gone', () => hotkeys.setCapturing(false));
    const launch = createLaunchCommands({ run: actions.run, feedback, showPanel: () => panel?.show(), log: (m) => console.warn(m) });
    app.on('second-instance', (_event, argv, _cwd, data) => void launch.secondInstance(argv, data, appPathFirst));

    installShutdown({
      stopInput: () => {
        stopTicking();
        clearInterval(alertTimer);
        hotkeys.dispose();
        stopIpc();
      },
      dispose: () => service.dispose(),
      removeTray: () => tray?.destroy(),
    });

    installE2eHooks({
      runHotkey: (action) => actions.runHotkey(action),
      tray: () => ({ exists: tray !== undefined && !tray.destroyed, tooltip: tray?.tooltip ?? '', kind: tray?.state?.kind }),
      hotkeys: () => hotkeys.current(),
    });
    for (const problem of problems) notify(t(), problem);
    void panel.load().catch((error: unknown) => console.error('The panel failed to load:', error instanceof Error ? error.message : error));
    void launch.atStart(process.argv, appPathFirst);
  });
}
