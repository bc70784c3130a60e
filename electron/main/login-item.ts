// Launch at login through the OS: Windows registry Run key / macOS login items (Electron), and
// an XDG autostart entry on Linux (../app/autostart-linux.ts; Electron has none there).
import { app } from 'electron';
import { autostartDir, launchTarget, syncLinuxAutostart } from '../app/autostart-linux';

export function syncLaunchAtLogin(enabled: boolean): void {
  if (process.platform === 'linux') {
    // A development run is `electron <dir>`: starting bare Electron at login would be wrong.
    if (!app.isPackaged) {
      if (enabled) console.warn('Launch at login takes effect in the installed app only.');
      return;
    }
    try {
      syncLinuxAutostart(enabled, { dir: autostartDir(), target: launchTarget(process.env, process.execPath) });
    } catch (error) {
      console.warn('Could not update the autostart entry:', error instanceof Error ? error.message : error);
    }
    return;
  }
  if (process.platform !== 'win32' && process.platform !== 'darwin') return;
  if (app.getLoginItemSettings().openAtLogin === enabled) return;
  app.setLoginItemSettings({ openAtLogin: enabled });
}
