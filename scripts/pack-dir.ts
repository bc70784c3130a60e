// electron-builder for the unpacked directory target, with the repo's electron-builder.yml (so
// the afterPack fuse hook runs), into a given output folder. Used by npm run package:check and
// by the _electron suite's fuse test.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { build, Platform } from 'electron-builder';

export interface Packed {
  /** linux-unpacked / win-unpacked / mac*\/ — the folder holding the app. */
  appOutDir: string;
  asarPath: string;
  /** What @electron/fuses reads: the executable, or the .app bundle on macOS. */
  fuseTarget: string;
  /** What a person runs: the executable (inside the bundle on macOS). */
  executable: string;
}

export function electronPackageVersion(root: string): string {
  return (createRequire(join(root, 'package.json'))('electron/package.json') as { version: string }).version;
}

/** node_modules/electron/dist: the real distribution, when it was downloaded. */
export function realElectronDist(root: string): string {
  return join(dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json')), 'dist');
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

export async function packDir(options: { output: string; electronDist: string; electronVersion: string }): Promise<Packed> {
  await build({
    targets: Platform.current().createTarget('dir'),
    publish: 'never',
    config: { electronDist: options.electronDist, electronVersion: options.electronVersion, directories: { output: options.output } },
  });
  const asarPath = files(options.output).find((f) => f.endsWith(`${sep}resources${sep}app.asar`) || f.endsWith(`${sep}Resources${sep}app.asar`));
  if (!asarPath) throw new Error(`electron-builder made no resources/app.asar under ${options.output}`);
  if (process.platform === 'darwin') {
    const appOutDir = join(dirname(asarPath), '../../..');
    const bundle = readdirSync(appOutDir).find((f) => f.endsWith('.app'))!;
    const macos = join(appOutDir, bundle, 'Contents', 'MacOS');
    return { appOutDir, asarPath, fuseTarget: join(appOutDir, bundle), executable: join(macos, readdirSync(macos)[0]!) };
  }
  const appOutDir = dirname(dirname(asarPath));
  const executable = process.platform === 'win32' ? join(appOutDir, 'Held Calls.exe') : join(appOutDir, 'cec-held-calls');
  return { appOutDir, asarPath, fuseTarget: executable, executable };
}
