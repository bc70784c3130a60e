// The one window factory and the panel's show/hide behaviour. Every BrowserWindow of the app
// is created here, with the hardened webPreferences below and nowhere else.
import { BrowserWindow, screen, type Rectangle } from 'electron';
import { panelPosition } from './panel-position';
import { APP_ENTRY_URL } from '../app/app-protocol';
import { PRELOAD_FILE } from './paths';

export const PANEL_SIZE = { width: 360, height: 480 } as const;

/** Hardened defaults (security checklist #2–#4, #6): shared by every window the app creates. */
export const HARDENED_WEB_PREFERENCES = {
  preload: PRELOAD_FILE,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
  navigateOnDragDrop: false,
  autoplayPolicy: 'user-gesture-required',
} as const;

export interface PanelOptions {
  alwaysOnTop: boolean;
  pinned: boolean;
  devServerUrl?: string;
  trayBounds(): Rectangle;
}

// Clicking the tray while the panel is open blurs it first (hiding it), then fires the click;
// without this grace period the click would re-open what the user just closed.
const BLUR_GRACE_MS = 250;

export class PanelWindow {
  /** Set on before-quit, so 'close' really closes. */
  static quitting = false;
  readonly window: BrowserWindow;
  private pinned: boolean;
  private hiddenByBlurAt = 0;

  constructor(private readonly options: PanelOptions) {
    this.pinned = options.pinned;
    this.window = new BrowserWindow({
      ...PANEL_SIZE,
      show: false,
      frame: false,
      resizable: false,
      movable: true,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      skipTaskbar: true,
      alwaysOnTop: options.alwaysOnTop,
      title: 'Held calls',
      backgroundColor: '#1e1e1e',
      webPreferences: { ...HARDENED_WEB_PREFERENCES },
    });
    this.window.on('blur', () => {
      if (this.pinned || this.window.webContents.isDevToolsFocused()) return;
      this.hiddenByBlurAt = Date.now();
      this.window.hide();
    });
    // Closing the panel hides it: the app lives in the tray until Quit.
    this.window.on('close', (event) => {
      if (!PanelWindow.quitting) {
        event.preventDefault();
        this.window.hide();
      }
    });
  }

  /** From the app:// origin (never file://: see ../app/app-protocol.ts), or the dev server. */
  load(): Promise<void> {
    return this.window.loadURL(this.options.devServerUrl ?? APP_ENTRY_URL);
  }

  get visible(): boolean {
    return !this.window.isDestroyed() && this.window.isVisible();
  }

  show(): void {
    if (this.window.isDestroyed()) return;
    const tray = this.options.trayBounds();
    // Linux reports empty tray bounds: open on the display the pointer is on.
    const display = tray.width > 0 ? screen.getDisplayMatching(tray) : screen.getDisplayNearestPoint(screen.getCursorScreenPoint());
    const { x, y } = panelPosition(tray, PANEL_SIZE, display.workArea);
    this.window.setBounds({ x, y, ...PANEL_SIZE });
    this.window.show();
    this.window.focus();
  }

  hide(): void {
    if (!this.window.isDestroyed()) this.window.hide();
  }

  toggle(): void {
    if (this.visible) this.hide();
    else if (Date.now() - this.hiddenByBlurAt > BLUR_GRACE_MS) this.show();
  }

  apply(settings: { alwaysOnTop: boolean; pinned: boolean }): void {
    this.pinned = settings.pinned;
    if (!this.window.isDestroyed()) this.window.setAlwaysOnTop(settings.alwaysOnTop);
  }
}
