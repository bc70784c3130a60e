// The probe package:check runs with plain Node from inside the extracted app.asar (beside
// out/main/index.js, so it resolves exactly as the main bundle does). It imports every external
// the bundle imports, which loads each one's whole dependency graph (ESM and require() alike),
// and records every resolved URL. 'electron' is the runtime, not a package in the asar: it is
// answered by an inert stand-in module with the names Electron exports.
export const ELECTRON_STAND_IN_EXPORTS = [
  'app', 'autoUpdater', 'BaseWindow', 'BrowserView', 'BrowserWindow', 'clipboard', 'contentTracing', 'crashReporter',
  'desktopCapturer', 'dialog', 'globalShortcut', 'inAppPurchase', 'ipcMain', 'ImageView', 'Menu', 'MenuItem',
  'MessageChannelMain', 'nativeImage', 'nativeTheme', 'net', 'netLog', 'Notification', 'powerMonitor', 'powerSaveBlocker',
  'protocol', 'pushNotifications', 'safeStorage', 'screen', 'session', 'ShareMenu', 'shell', 'systemPreferences',
  'TouchBar', 'Tray', 'utilityProcess', 'View', 'webContents', 'WebContentsView', 'webFrameMain',
];

export const PROBE_SOURCE = `// package:check probe (temporary; not part of the app)
import { registerHooks } from 'node:module';
const [specifiers, electronExports] = process.argv.slice(2).map((a) => JSON.parse(a));
const STUB = 'package-check-stand-in:electron';
const resolved = new Set();
registerHooks({
  resolve(specifier, context, next) {
    if (specifier === 'electron') return { url: STUB, format: 'module', shortCircuit: true };
    const result = next(specifier, context);
    resolved.add(result.url);
    return result;
  },
  load(url, context, next) {
    if (url !== STUB) return next(url, context);
    const names = electronExports.map((n) => 'export const ' + n + ' = {};').join('\\n');
    return { format: 'module', shortCircuit: true, source: names + '\\nexport default { ' + electronExports.join(', ') + ' };' };
  },
});
const loaded = [];
for (const specifier of specifiers) {
  try {
    await import(specifier);
    loaded.push({ specifier, ok: true });
  } catch (error) {
    loaded.push({ specifier, ok: false, error: String(error && error.message || error).slice(0, 300) });
  }
}
process.stdout.write(JSON.stringify({ loaded, resolved: [...resolved].filter((u) => !u.startsWith('node:')) }));
`;
