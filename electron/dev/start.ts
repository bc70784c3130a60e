// `npm start`: build with electron-vite, then run Electron on the output. Where the Electron
// binary is not installed (offline machines), say how to get it and open the same panel in the
// browser preview instead, so a newcomer still sees the product working (demo included).
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { build } from 'electron-vite';
import { findElectronBinary } from './electron-binary';
import { openInBrowser } from './open-browser';

const root = resolve(import.meta.dirname, '../..');

async function runElectron(path: string): Promise<number> {
  await build({ root, configFile: resolve(root, 'electron.vite.config.ts') });
  const child = spawn(path, [root, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined } });
  return new Promise((done) => {
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      console.error(`Electron could not be started: ${error.message}`);
      done(1);
    });
  });
}

async function runBrowserPreview(): Promise<number> {
  const { startPreview } = await import('../preview/server');
  const options = { signIn: false, configured: false };
  // The usual port, or any free one if something else has it.
  const preview = await startPreview({ ...options, port: 5180 }).catch(() => startPreview({ ...options, port: 0 }));
  console.log(`\nOpen ${preview.url} in a browser: the panel, as the app shows it on first start ("Try the demo").`);
  console.log('That address carries a key for this run, so only you can use the preview: keep it to yourself.');
  console.log('Stop with Ctrl+C.');
  const launcher = openInBrowser(preview.url);
  await new Promise<void>((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
  launcher?.remove();
  await preview.close();
  return 0;
}

async function main(): Promise<number> {
  const binary = findElectronBinary(root);
  if (binary.found) return runElectron(binary.path);
  console.error(`The Electron binary is not installed (${binary.reason}).`);
  console.error('Get it with `npm run electron:install` where the Electron release host is reachable.');
  console.error('Meanwhile, the same panel runs in the browser preview, against the real handlers and the simulator.');
  return runBrowserPreview();
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
