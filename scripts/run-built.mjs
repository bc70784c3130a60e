// `npm run cli` and `npm run simulator`: run the built single-file entry (scripts/build-cli.mjs),
// rebuilding it first when any file it was built from is newer. The check is one stat per source
// file (a few ms), so an edit always takes effect and an unchanged tree costs no build; the
// builder itself is loaded only when a build is needed.
//   node scripts/run-built.mjs <cli|simulator> [args...]
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');

/** True when dist/<name>.js is missing or older than anything it was built from. */
export function isStale(name) {
  const bundle = resolve(ROOT, 'dist', `${name}.js`);
  let built;
  let inputs;
  try {
    built = statSync(bundle).mtimeMs;
    inputs = JSON.parse(readFileSync(resolve(ROOT, 'dist', `${name}.inputs.json`), 'utf8'));
  } catch {
    return true;
  }
  for (const input of inputs) {
    try {
      if (statSync(resolve(ROOT, input)).mtimeMs > built) return true;
    } catch {
      return true; // a source was moved or deleted
    }
  }
  return false;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const name = process.argv[2];
  if (name !== 'cli' && name !== 'simulator') {
    process.stderr.write('usage: node scripts/run-built.mjs <cli|simulator> [args...]\n');
    process.exit(2);
  }
  if (isStale(name)) {
    const { buildEntry } = await import('./build-cli.mjs');
    await buildEntry(name);
  }
  // The bundle reads its arguments from process.argv, as when run directly.
  process.argv.splice(2, 1);
  await import(pathToFileURL(resolve(ROOT, 'dist', `${name}.js`)).href);
}
