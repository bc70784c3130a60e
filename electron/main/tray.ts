// The tray icon: one class owning the Tray, repainting icon, tooltip, title and the whole menu
// in a single update() from the pure tray-state model.
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { PushCoalescer } from '../app/push-coalescer';
import { trayIcon, trayMenu, trayState, type TrayAction, type TrayInput, type TrayMenuItem, type TrayState } from '../app/tray-state';
import { drawTrayIcon } from './tray-icon';

function iconImage(state: TrayState): NativeImage {
  const spec = trayIcon(state);
  const image = nativeImage.createFromBuffer(drawTrayIcon(spec, 16), { scaleFactor: 1 });
  image.addRepresentation({ scaleFactor: 2, buffer: drawTrayIcon(spec, 32) });
  return image;
}

export class AppTray {
  private readonly tray: Tray;
  private lastIconKey = '';
  private lastMenuKey = '';
  private current: TrayState | undefined;
  /** Repaints asked for in a burst (every held-list push) become one per frame, with the latest state. */
  private readonly updates = new PushCoalescer<'tray', true>(() => this.update());

  constructor(
    private readonly input: () => TrayInput,
    private readonly onAction: (action: TrayAction) => void,
    onClick: () => void,
  ) {
    this.tray = new Tray(nativeImage.createEmpty());
    this.tray.on('click', onClick);
    this.update();
  }

  get state(): TrayState | undefined {
    return this.current;
  }

  get bounds(): Electron.Rectangle {
    return this.tray.isDestroyed() ? { x: 0, y: 0, width: 0, height: 0 } : this.tray.getBounds();
  }

  get destroyed(): boolean {
    return this.tray.isDestroyed();
  }

  get tooltip(): string {
    return this.current?.tooltip ?? '';
  }

  /** Repaint soon: at once when idle, otherwise at the end of the frame. */
  requestUpdate(): void {
    this.updates.push('tray', true);
  }

  /** refreshMenu false: only icon and tooltip (the periodic timer tick), so an open menu stays open. */
  update(refreshMenu = true): void {
    if (this.tray.isDestroyed()) return;
    const input = this.input();
    const state = trayState(input);
    this.current = state;
    const iconKey = `${state.kind}/${state.badge}`;
    if (iconKey !== this.lastIconKey) {
      this.tray.setImage(iconImage(state));
      this.lastIconKey = iconKey;
    }
    this.tray.setToolTip(input.t.text('tray.tooltip', { state: state.tooltip }));
    if (process.platform === 'darwin') this.tray.setTitle(state.badge);
    if (!refreshMenu) return;
    const items = trayMenu(input);
    // Rebuilding an open menu on Linux closes it; only rebuild when the text really changed.
    const menuKey = JSON.stringify(items);
    if (menuKey !== this.lastMenuKey) {
      this.tray.setContextMenu(Menu.buildFromTemplate(items.map((item) => this.toTemplate(item))));
      this.lastMenuKey = menuKey;
    }
  }

  private toTemplate(item: TrayMenuItem): MenuItemConstructorOptions {
    if (item.kind === 'separator') return { type: 'separator' };
    return { label: item.label, enabled: item.enabled, click: () => this.onAction(item.action) };
  }

  /**
   * Keep hold times in the tooltip current while calls are held: the tooltip every 5 s, the menu
   * (which closes if rebuilt while open on some Linux panels) every 30 s.
   */
  startTicking(anyHeld: () => boolean): () => void {
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
      if (anyHeld()) this.update(ticks % 6 === 0);
    }, 5_000);
    return () => clearInterval(timer);
  }

  destroy(): void {
    this.updates.dispose();
    if (!this.tray.isDestroyed()) this.tray.destroy();
  }
}
