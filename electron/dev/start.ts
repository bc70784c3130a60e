// `npm start`: build with electron-vite, then run Electron on the output. Where the Electron
// binary is not installed (offline machines), explain how to get it and exit non-zero.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { build } from 'electron-vite';
import { findElectronBinary } from './electron-binary';

const root = resolve(import.meta.dirname, '../..');

async function main(): Promise<number> {
  const binary = findElectronBinary(root);
  await build({ root, configFile: resolve(root, 'electron.vite.config.ts') });
  if (!binary.found) {
    console.error(`Built into out/, but the Electron binary is not installed: ${binary.reason}.`);
    console.error('Get it with `node node_modules/electron/install.js` where the Electron release host is reachable, or try the panel in a browser with `npm run preview:web`.');
    return 1;
  }
  const child = spawn(binary.path, [root, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined } });
  return new Promise((done) => {
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      console.error(`Electron could not be started: ${error.message}`);
      done(1);
    });
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
