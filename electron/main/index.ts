// Composition root of the Electron main process: single-instance lock, security restrictions,
// then on ready the settings, vault, app service, panel, tray, hotkeys and IPC. Behaviour lives
// in the modules it wires together.
import { readFile } from 'node:fs/promises';
import { app, globalShortcut, safeStorage } from 'electron';
import { createAppService, type AppService } from '../app/app-service';
import { startDemoSimulator } from '../app/demo-gateway';
import { isTrustedSender } from '../app/ipc-validate';
import { createActions } from './actions';
import { installE2eHooks } from './e2e-hooks';
import { Feedback, notify } from './feedback';
import { HotkeyController } from './hotkeys';
import { registerIpc } from './ipc';
import { devServerUrl, RENDERER_FILE } from './paths';
import { installSecurityRestrictions } from './security';
import { createPushReactions } from './settings-reactions';
import { installShutdown } from './shutdown';
import { openSettings } from './settings';
import { AppTray } from './tray';
import { createVault } from './vault';
import { PanelWindow } from './window';

// Tests and side-by-side installs get their own profile (settings, keychain blob, lock).
if (process.env.CEC_USER_DATA) app.setPath('userData', process.env.CEC_USER_DATA);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const devUrl = devServerUrl(app.isPackaged);
  const isAppUrl = (url: string): boolean => isTrustedSender(url, { devServerUrl: devUrl, rendererFile: RENDERER_FILE });
  installSecurityRestrictions({ isAppUrl, log: (m) => console.warn(m) });
  if (process.platform === 'win32') app.setAppUserModelId('com.cec.held-calls');

  // A tray app: closing the panel must not quit.
  app.on('window-all-closed', () => undefined);

  app.whenReady().then(() => {
    app.dock?.hide();
    const { store, settings, problems } = openSettings(app.getPath('userData'));
    const initial = settings.get();
    let service: AppService | undefined;
    let panel: PanelWindow | undefined;
    let tray: AppTray | undefined;
    const refreshTray = (): void => tray?.requestUpdate();
    const feedback = new Feedback(() => panel?.visible ?? false, refreshTray);

    const actions = createActions({
      service: () => service!,
      feedback,
      togglePanel: () => panel?.toggle(),
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
        service?.publishSettings();
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
    });

    panel = new PanelWindow({ alwaysOnTop: initial.alwaysOnTop, pinned: initial.pinned, devServerUrl: devUrl, trayBounds: () => tray!.bounds });
    tray = new AppTray(
      () => ({ session: service.session(), calls: service.heldCalls(), now: Date.now(), hotkeys: hotkeys.current(), lastFailure: feedback.lastFailure, platform: process.platform }),
      (action) => void actions.runTray(action),
      () => panel?.toggle(),
    );
    const stopIpc = registerIpc(service, { contents: () => panel?.window.webContents, isTrustedUrl: isAppUrl, log: (m) => console.warn(m) });
    service.onPush(
      createPushReactions({
        settings,
        vault,
        feedback,
        applyToPanel: (now) => panel?.apply(now),
        applyHotkeys: () => hotkeys.apply(),
        refreshTray,
      }),
    );
    hotkeys.apply(true);
    const stopTicking = tray.startTicking(() => service.heldCalls().length > 0);

    // A capture that never ended (panel hidden mid-capture, renderer crashed) must not leave the
    // agent without hotkeys.
    panel.window.on('hide', () => hotkeys.setCapturing(false));
    panel.window.webContents.on('render-process-gone', () => hotkeys.setCapturing(false));
    app.on('second-instance', () => panel?.show());

    installShutdown({
      stopInput: () => {
        stopTicking();
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
    for (const problem of problems) notify(problem);
    void panel.load().catch((error: unknown) => console.error('The panel failed to load:', error instanceof Error ? error.message : error));
  });
}
