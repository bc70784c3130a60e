// @ts-check
// The fuses every packaged binary ships with (Electron security checklist, "fuses"), declared
// once: the afterPack hook flips them, `npm run package:check` and the _electron suite read them
// back with @electron/fuses. Plain JavaScript because electron-builder imports its hooks as is.
import { join } from 'node:path';
import { FuseState, FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';

/** @typedef {keyof typeof FuseV1Options} FuseName */

/** Fuse name (as in FuseV1Options) → the state we want. @type {Readonly<Partial<Record<FuseName, boolean>>>} */
export const HARDENED_FUSES = Object.freeze({
  // The binary cannot be turned into a plain Node.js (ELECTRON_RUN_AS_NODE) by whoever runs it.
  RunAsNode: false,
  // NODE_OPTIONS / NODE_EXTRA_CA_CERTS-style injection through the environment is ignored.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect and friends cannot attach a debugger to the main process (it holds the session Guid).
  EnableNodeCliInspectArguments: false,
  // macOS and Windows check app.asar against the hash embedded at package time.
  EnableEmbeddedAsarIntegrityValidation: true,
  // Only app.asar is loaded: no app/ folder dropped beside it takes over.
  OnlyLoadAppFromAsar: true,
  // Cookies at rest are encrypted with the OS keychain key.
  EnableCookieEncryption: true,
  // The panel is served from app://, so file:// needs none of its legacy privileges.
  GrantFileProtocolExtraPrivileges: false,
});

/** @returns {Array<[FuseName, boolean]>} */
const wanted = () => /** @type {Array<[FuseName, boolean]>} */ (Object.entries(HARDENED_FUSES));

/**
 * The @electron/fuses config for one platform/arch.
 * @param {string} platform electron platform name (darwin, win32, linux, mas)
 * @param {string} arch x64, arm64, ...
 * @returns {import('@electron/fuses').FuseConfig}
 */
export function fuseConfig(platform, arch) {
  /** @type {import('@electron/fuses').FuseConfig} */
  const config = { version: FuseVersion.V1 };
  for (const [name, enabled] of wanted()) config[FuseV1Options[name]] = enabled;
  // Flipping a fuse invalidates the ad-hoc signature arm64 macOS requires; electron-builder signs
  // afterwards when a certificate is configured, otherwise this re-applies the ad-hoc one.
  config.resetAdHocDarwinSignature = platform === 'darwin' && arch === 'arm64';
  return config;
}

/**
 * The file holding the fuse wire for an electron-builder afterPack context.
 * @param {import('electron-builder').AfterPackContext} context
 */
export function packagedBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${packager.appInfo.productFilename}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return join(appOutDir, /** @type {import('app-builder-lib').LinuxPackager} */ (/** @type {unknown} */ (packager)).executableName);
}

/**
 * Reads the fuse wire of a binary and compares it with HARDENED_FUSES.
 * Returns one line per fuse, and the names that differ (empty when all are as wanted).
 * @param {string} binary the executable, or the .app bundle on macOS
 * @returns {Promise<{ report: string[]; wrong: string[] }>}
 */
export async function readFuses(binary) {
  const wire = await getCurrentFuseWire(binary);
  const report = [];
  const wrong = [];
  for (const [name, want] of wanted()) {
    const state = wire[FuseV1Options[name]];
    const actual = state === FuseState.ENABLE ? true : state === FuseState.DISABLE ? false : undefined;
    report.push(`${name}: ${actual === undefined ? `state ${state}` : actual ? 'on' : 'off'}`);
    if (actual !== want) wrong.push(name);
  }
  return { report, wrong };
}

/**
 * Flip, then read back: a binary whose fuses did not take throws.
 * @param {string} binary @param {string} platform @param {string} arch
 */
export async function hardenBinary(binary, platform, arch) {
  await flipFuses(binary, fuseConfig(platform, arch));
  const { report, wrong } = await readFuses(binary);
  if (wrong.length > 0) throw new Error(`Fuses not as configured after flipping (${wrong.join(', ')}) in ${binary}`);
  return report;
}
