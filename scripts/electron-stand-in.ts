// A STAND-IN for the Electron distribution, for machines where the real binary cannot be
// downloaded. It exists only so electron-builder can lay out the package and we can inspect
// what goes into it (app.asar, resources, fuses); it is not Electron and cannot run the app.
// Everything about it says so: the directory name, the version file, the executable's text.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// @electron/fuses looks for this sentinel followed by [version, length, ...fuse bytes].
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/**
 * Electron's shipped defaults, in FuseV1Options order: RunAsNode on, cookie encryption off,
 * NODE_OPTIONS on, inspect on, asar integrity off, only-asar off, V8 snapshot off, file://
 * privileges on, wasm trap handlers on. The packaging hook must flip these; the check reads them back.
 */
export const STAND_IN_FUSE_WIRE = '101100011';

export interface StandIn {
  dir: string;
  executable: string;
}

/** Creates the stand-in for this platform in a fresh temp dir named as what it is. */
export function createElectronStandIn(version: string, platform: NodeJS.Platform = process.platform): StandIn {
  // Linux only: on Windows electron-builder edits the real .exe's resources (rcedit) and on macOS
  // it rebuilds the .app bundle, neither of which a stand-in can take. Those CI runners have Electron.
  if (platform !== 'linux') throw new Error(`No stand-in Electron for ${platform}: install the real binary (npm run electron:install).`);
  const dir = mkdtempSync(join(tmpdir(), 'cec-STAND-IN-electron-dist-'));
  const executable = join(dir, 'electron');
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL, 'latin1'), Buffer.from([1, STAND_IN_FUSE_WIRE.length]), Buffer.from(STAND_IN_FUSE_WIRE, 'latin1')]);
  const script = Buffer.from(
    '#!/bin/sh\n' +
      '# STAND-IN for the Electron binary, made by scripts/package-check.ts only to inspect package contents.\n' +
      'echo "This is a stand-in, not Electron: it cannot run the app." >&2\n' +
      'exit 1\n' +
      '# fuse wire for @electron/fuses follows\n',
    'latin1',
  );
  writeFileSync(executable, Buffer.concat([script, wire, Buffer.from('\n')]));
  chmodSync(executable, 0o755);
  mkdirSync(join(dir, 'resources'));
  writeFileSync(join(dir, 'version'), `${version} (STAND-IN)\n`);
  writeFileSync(join(dir, 'LICENSE'), 'STAND-IN: the real Electron distribution ships its MIT licence here.\n');
  writeFileSync(join(dir, 'STAND-IN.txt'), 'Not Electron. Created by npm run package:check where the Electron binary is not installed.\n');
  return { dir, executable };
}
