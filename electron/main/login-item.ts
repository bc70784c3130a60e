// Launch at login through the OS (Windows registry Run key / macOS login items). Electron has no
// Linux implementation; there the setting is stored but has no effect, and we say so in the log.
import { app } from 'electron';

export function syncLaunchAtLogin(enabled: boolean): void {
  if (process.platform !== 'win32' && process.platform !== 'darwin') {
    if (enabled) console.warn('Launch at login is not supported by Electron on this OS; add the app to your desktop autostart instead.');
    return;
  }
  if (app.getLoginItemSettings().openAtLogin === enabled) return;
  app.setLoginItemSettings({ openAtLogin: enabled });
}
