// The built Electron app against a real simulator: tray, hardened window, global hotkeys, and the
// headline action (resume the top held call) triggered the way the hotkey triggers it.
// Needs the Electron binary; where it is missing every test is skipped, with the reason.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { ActionResult, HeldCall } from '../../shared/model';
import type { HotkeyAction } from '../../shared/settings';
import { findElectronBinary } from '../../electron/dev/electron-binary';
import { STORE_NAME } from '../../electron/app/settings-schema';
import { startSimulator, type Simulator } from '../../electron/simulator/index';

const ROOT = resolve(import.meta.dirname, '../..');
const AGENT = '1001';
const PASSWORD = 'e2e-secret';
const binary = findElectronBinary(ROOT);

test.skip(!binary.found, `Electron binary not installed: ${binary.found ? '' : binary.reason}`);
test.describe.configure({ mode: 'serial' });

interface E2eHooks {
  runHotkey(action: HotkeyAction): Promise<ActionResult | undefined>;
  tray(): { exists: boolean; tooltip: string; kind: string | undefined };
}
// app.evaluate() ships the function's source to the main process, so each call spells out the
// global instead of closing over a helper.
type WithHooks = { __cecE2E: E2eHooks };

let sim: Simulator;
let app: ElectronApplication;
let page: Page;
let dir: string;

test.beforeAll(async () => {
  if (!binary.found) return;
  const { build } = await import('electron-vite');
  await build({ root: ROOT, configFile: join(ROOT, 'electron.vite.config.ts'), logLevel: 'warn' });

  sim = await startSimulator({
    pollWaitMs: 500,
    passwords: { [AGENT]: PASSWORD },
    seed: {
      [AGENT]: [
        { caller: '07700900123', called: '4001', callskill: 'Billing', callfeature: 0 },
        { caller: '02079460321', called: '4003', callskill: 'Support', callfeature: 0 },
      ],
    },
  });
  dir = mkdtempSync(join(tmpdir(), 'cec-e2e-'));
  const userData = join(dir, 'user-data');
  const caFile = join(dir, 'gateway-ca.pem');
  writeFileSync(caFile, sim.caPem);
  mkdirSync(userData);
  writeFileSync(join(userData, `${STORE_NAME}.json`), JSON.stringify({ gatewayUrl: sim.url, agentId: AGENT, caFile }));

  app = await electron.launch({
    executablePath: binary.path,
    // The project dir: package.json "main" points at out/main/index.js (ESM by "type": "module").
    // Root in a container cannot use Chromium's OS sandbox; webPreferences.sandbox is unaffected.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ROOT],
    env: { ...process.env, CEC_USER_DATA: userData, CEC_E2E: '1', CEC_ADMIN_FILE: join(dir, 'no-admin.json') },
  });
  page = await app.firstWindow();
  await page.waitForFunction(() => 'cec' in globalThis);
});

test.afterAll(async () => {
  await app?.close();
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the tray icon exists and says the agent is signed out', async () => {
  const tray = await app.evaluate(() => (globalThis as unknown as WithHooks).__cecE2E.tray());
  expect(tray.exists).toBe(true);
  expect(tray.kind).toBe('signed-out');
});

test('the panel window is hardened and the page sees only window.cecBridge', async () => {
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    // getLastWebPreferences is what Electron's own specs use; it is missing from the public typings.
    const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as { getLastWebPreferences(): Electron.WebPreferences };
    const p = contents.getLastWebPreferences();
    return { contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration, webSecurity: p.webSecurity };
  });
  expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
  const surface = await page.evaluate(() => ({
    require: typeof (globalThis as unknown as { require?: unknown }).require,
    process: typeof (globalThis as unknown as { process?: unknown }).process,
    methods: Object.keys((globalThis as unknown as { cecBridge: object }).cecBridge).sort(),
  }));
  expect(surface.require).toBe('undefined');
  expect(surface.process).toBe('undefined');
  expect(surface.methods).not.toContain('ipcRenderer');
  expect(surface.methods).toContain('resumeTop');
});

test('the default global hotkeys are registered', async () => {
  const registered = await app.evaluate(({ globalShortcut }) => ({
    resumeTop: globalShortcut.isRegistered('CommandOrControl+Alt+R'),
    togglePanel: globalShortcut.isRegistered('CommandOrControl+Alt+H'),
  }));
  expect(registered).toEqual({ resumeTop: true, togglePanel: true });
});

test('the resume-top hotkey action resumes the top held call in the simulator', async () => {
  const session = await page.evaluate((password) => (globalThis as unknown as { cec: { signIn(r: object): Promise<{ status: string }> } }).cec.signIn({ password }), PASSWORD);
  expect(session.status).toBe('signed-in');
  await expect
    .poll(() => page.evaluate(() => (globalThis as unknown as { cec: { listCalls(): Promise<{ calls: HeldCall[] }> } }).cec.listCalls().then((l) => l.calls.length)))
    .toBe(2);
  const top = (await page.evaluate(() => (globalThis as unknown as { cec: { listCalls(): Promise<{ calls: HeldCall[] }> } }).cec.listCalls())).calls[0]!;

  const result = await app.evaluate(() => (globalThis as unknown as WithHooks).__cecE2E.runHotkey('resumeTop'));
  expect(result).toMatchObject({ ok: true, action: 'resume', callid: top.callid });
  const onSimulator = sim.script.calls(AGENT).find((c) => c.callid === top.callid);
  expect(onSimulator?.state).toBe('talking');
  await expect.poll(() => app.evaluate(() => (globalThis as unknown as WithHooks).__cecE2E.tray().kind)).toBe('held');
});
