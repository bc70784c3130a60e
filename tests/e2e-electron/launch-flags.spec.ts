// Launch flags on the real Electron app: a second launch with --resume 2 / --toggle-panel acts in
// the running instance and exits at once; the first instance honours the flags it starts with.
// Needs the Electron binary; where it is missing every test is skipped, with the reason.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { HeldCall } from '../../shared/model';
import { HOTKEY_ACTIONS } from '../../shared/settings';
import { findElectronBinary } from '../../electron/dev/electron-binary';
import { STORE_NAME } from '../../electron/app/settings-schema';
import { startSimulator, type Simulator } from '../../electron/simulator/index';

const ROOT = resolve(import.meta.dirname, '../..');
const AGENT = '1001';
const PASSWORD = 'e2e-secret';
const binary = findElectronBinary(ROOT);
const EXE = binary.found ? binary.path : '';
// Root in a container cannot use Chromium's OS sandbox; webPreferences.sandbox is unaffected.
const SANDBOX_ARGS = process.getuid?.() === 0 ? ['--no-sandbox'] : [];

test.skip(!binary.found, `Electron binary not installed: ${binary.found ? '' : binary.reason}`);
test.describe.configure({ mode: 'serial' });

let sim: Simulator;
let app: ElectronApplication;
let page: Page;
let dir: string;
let env: Record<string, string>;

/** A profile with the gateway configured and NO global hotkeys (the other spec's app holds them). */
function profile(name: string): string {
  const userData = join(dir, name);
  const caFile = join(dir, 'gateway-ca.pem');
  writeFileSync(caFile, sim.caPem);
  mkdirSync(userData);
  const hotkeys = Object.fromEntries(HOTKEY_ACTIONS.map((a) => [a, '']));
  // Pinned: the panel stays open when focus moves (a headless display moves it unpredictably).
  writeFileSync(join(userData, `${STORE_NAME}.json`), JSON.stringify({ gatewayUrl: sim.url, agentId: AGENT, caFile, hotkeys, pinned: true }));
  return userData;
}

/** Runs the app again with flags, as a pedal or Stream Deck would; resolves with its exit code and time. */
function launchAgain(userData: string, flags: string[]): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(EXE, [...SANDBOX_ARGS, ROOT, ...flags], { env: { ...env, CEC_USER_DATA: userData }, stdio: 'ignore' });
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the second launch with ${flags.join(' ')} did not exit within 20 s`));
    }, 20_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, ms: Date.now() - started });
    });
  });
}

const panelVisible = (a: ElectronApplication): Promise<boolean> => a.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible() ?? false);
const heldCalls = (): Promise<HeldCall[]> => page.evaluate(() => (globalThis as unknown as { cec: { listCalls(): Promise<{ calls: HeldCall[] }> } }).cec.listCalls().then((l) => l.calls));

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
        { caller: '0161496000', called: '4002', callskill: 'Sales', callfeature: 0 },
      ],
    },
  });
  dir = mkdtempSync(join(tmpdir(), 'cec-e2e-launch-'));
  env = { ...(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined)) as Record<string, string>), CEC_E2E: '1', CEC_ADMIN_FILE: join(dir, 'no-admin.json') };
  const userData = profile('running');
  env.CEC_USER_DATA = userData;
  app = await electron.launch({ executablePath: EXE, args: [...SANDBOX_ARGS, ROOT], env: { ...env } });
  page = await app.firstWindow();
  await page.waitForFunction(() => 'cec' in globalThis);
  const session = await page.evaluate((password) => (globalThis as unknown as { cec: { signIn(r: object): Promise<{ status: string }> } }).cec.signIn({ password }), PASSWORD);
  expect(session.status).toBe('signed-in');
  await expect.poll(async () => (await heldCalls()).length).toBe(3);
});

test.afterAll(async () => {
  await app?.close();
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a second launch with --resume 2 resumes the 2nd held call in the running app and exits at once', async () => {
  const second = (await heldCalls())[1]!;
  const run = await launchAgain(env.CEC_USER_DATA!, ['--resume', '2']);
  expect(run.code).toBe(0);
  expect(run.ms).toBeLessThan(10_000);
  await expect.poll(() => sim.script.calls(AGENT).find((c) => c.callid === second.callid)?.state).toBe('talking');
  await expect.poll(() => app.evaluate(() => (globalThis as unknown as { __cecE2E: { tray(): { kind: string } } }).__cecE2E.tray().kind)).toBe('held');
});

test('a second launch with --toggle-panel shows, then hides, the panel', async () => {
  const before = await panelVisible(app);
  expect((await launchAgain(env.CEC_USER_DATA!, ['--toggle-panel'])).code).toBe(0);
  await expect.poll(() => panelVisible(app)).toBe(!before);
  expect((await launchAgain(env.CEC_USER_DATA!, ['--toggle-panel'])).code).toBe(0);
  await expect.poll(() => panelVisible(app)).toBe(before);
});

test('an invalid --resume 0 changes nothing on the gateway, and the second launch still exits', async () => {
  const before = sim.stats.count({ path: 'gethold' });
  const run = await launchAgain(env.CEC_USER_DATA!, ['--resume', '0', '--not-a-flag']);
  expect(run.code).toBe(0);
  // Give the running app time to (wrongly) act before asserting it did not.
  await page.waitForTimeout(1_000);
  expect(sim.stats.count({ path: 'gethold' })).toBe(before);
});

test('the first instance honours the flags it starts with (--toggle-panel opens the panel)', async () => {
  const userData = profile('first-with-flags');
  const first = await electron.launch({ executablePath: EXE, args: [...SANDBOX_ARGS, ROOT, '--toggle-panel'], env: { ...env, CEC_USER_DATA: userData } });
  try {
    await first.firstWindow();
    await expect.poll(() => panelVisible(first)).toBe(true);
  } finally {
    await first.close();
  }
});
