// Finds the Electron binary WITHOUT triggering a download. (`require('electron')` in Electron 45
// tries to fetch a missing binary from the release host, which hangs or fails offline.)
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

export function findElectronBinary(from: string = process.cwd()): ElectronBinary {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(join(from, 'package.json')).resolve('electron/package.json'));
  } catch {
    return { found: false, reason: 'the electron package is not installed (npm install)' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const path = join(override, relative || 'electron');
    return existsSync(path) ? { found: true, path } : { found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${path}` };
  }
  if (!relative) return { found: false, reason: `${packageDir}/dist was never downloaded (no path.txt)` };
  const path = join(packageDir, 'dist', relative);
  return existsSync(path) ? { found: true, path } : { found: false, reason: `${path} is missing` };
}
