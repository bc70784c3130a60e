// The hardened binary: packs the app with the real Electron distribution (electron-builder --dir,
// the repo's config, so the afterPack hook runs), then reads the fuse wire of the packed binary
// and checks that the switches it turns off really are off.
// Needs the Electron binary; where it is missing every test is skipped, with the reason.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { expect, test } from '@playwright/test';
import { findElectronBinary } from '../../electron/dev/electron-binary';
import { HARDENED_FUSES } from '../../build/hooks/fuses.mjs';
import { electronPackageVersion, packDir, realElectronDist, type Packed } from '../../scripts/pack-dir';

const ROOT = resolve(import.meta.dirname, '../..');
const binary = findElectronBinary(ROOT);
const DEV_EXE = binary.found ? binary.path : '';

test.skip(!binary.found, `Electron binary not installed: ${binary.found ? '' : binary.reason}`);
test.describe.configure({ mode: 'serial' });

let dir: string;
let packed: Packed;

/** Runs an executable with env for at most `ms`, then ends it; resolves with what it printed. */
function runBriefly(executable: string, args: string[], env: Record<string, string>, ms: number): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const child = spawn(executable, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill(), ms);
    child.on('error', reject);
    child.on('exit', () => {
      clearTimeout(timer);
      resolvePromise(output);
    });
  });
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  if (!binary.found) return;
  const { build } = await import('electron-vite');
  await build({ root: ROOT, configFile: join(ROOT, 'electron.vite.config.ts'), logLevel: 'warn' });
  dir = mkdtempSync(join(tmpdir(), 'cec-e2e-fuses-'));
  packed = await packDir({ output: join(dir, 'dist'), electronDist: realElectronDist(ROOT), electronVersion: electronPackageVersion(ROOT) });
});

test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the packed binary has every hardened fuse set as configured', async () => {
  const wire = await getCurrentFuseWire(packed.fuseTarget);
  const expected = Object.fromEntries(Object.entries(HARDENED_FUSES).map(([name, on]) => [name, on ? FuseState.ENABLE : FuseState.DISABLE]));
  const actual = Object.fromEntries(Object.keys(HARDENED_FUSES).map((name) => [name, wire[FuseV1Options[name as keyof typeof FuseV1Options]]]));
  expect(actual).toEqual(expected);
  // The six the issue names, spelled out.
  expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
  expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
  expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
  expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
  expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
  expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
});

test("the stock Electron binary still has Electron's defaults (the hook changed the packed copy only)", async () => {
  // (@electron/fuses finds the framework itself from a path inside a macOS bundle.)
  const wire = await getCurrentFuseWire(DEV_EXE);
  expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.ENABLE);
  expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.DISABLE);
});

test('ELECTRON_RUN_AS_NODE and NODE_OPTIONS are ignored by the packed binary, honoured by stock Electron', async () => {
  const marker = join(dir, 'node-options-ran');
  const preload = join(dir, 'node-options.cjs');
  writeFileSync(preload, `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');`);
  const env = { ELECTRON_RUN_AS_NODE: '1', NODE_OPTIONS: `--require ${JSON.stringify(preload).slice(1, -1)}`, CEC_USER_DATA: join(dir, 'user-data') };
  const script = ['-e', "process.stdout.write('ran-as-node')"];

  // Control: stock Electron runs as Node and loads the NODE_OPTIONS preload, so this test can fail.
  const stock = await runBriefly(DEV_EXE, script, env, 15_000);
  expect(stock).toContain('ran-as-node');
  expect(existsSync(marker)).toBe(true);
  rmSync(marker);

  // The packed binary starts as the app instead (ended after a few seconds) and runs neither.
  const hardened = await runBriefly(packed.executable, script, env, 6_000);
  expect(hardened).not.toContain('ran-as-node');
  expect(existsSync(marker)).toBe(false);
});
