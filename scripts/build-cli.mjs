// Builds the command-line entries into single ESM files that plain `node` runs:
//   dist/cli.js        the headless CLI (package.json "bin": cec-held-calls)
//   dist/simulator.js  the CC-Gateway simulator
// Everything, undici included, goes into the one file, so it runs without node_modules (IT can
// copy it to a workstation that has Node). Modules still load on demand: rolldown wraps each in
// an init function, run at the entry's dynamic import(), so `--help` never evaluates undici.
// Only the parts of undici the client uses go in (scripts/undici-slim.cjs).
// Beside each bundle, <name>.inputs.json lists the files it was built from, so `npm run cli`
// (scripts/run-built.mjs) can tell with one stat per file whether it must be rebuilt.
//   node scripts/build-cli.mjs            build both
//   node scripts/build-cli.mjs cli        build one
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'rolldown';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
export const DIST = resolve(ROOT, 'dist');
export const ENTRIES = { cli: 'electron/cli/main.ts', simulator: 'electron/simulator/cli.ts' };
/** Besides the modules bundled: what changes the bundle without being a module in it. */
const ALWAYS = ['package.json', 'package-lock.json', 'scripts/build-cli.mjs', 'scripts/undici-slim.cjs'];
/** Only the undici the client uses (see undici-slim.cjs). */
const SLIM_UNDICI = resolve(ROOT, 'scripts/undici-slim.cjs');

export async function buildEntry(name) {
  const entry = ENTRIES[name];
  if (!entry) throw new Error(`unknown entry "${name}" (${Object.keys(ENTRIES).join(', ')})`);
  const result = await build({
    input: resolve(ROOT, entry),
    cwd: ROOT,
    platform: 'node',
    logLevel: 'warn',
    plugins: [
      {
        name: 'slim-undici',
        resolveId: (source, importer) => (source === 'undici' && importer !== SLIM_UNDICI ? SLIM_UNDICI : null),
      },
    ],
    // Plain enough for an old Node to parse, so the version check can run and say what is needed.
    transform: { target: 'node20' },
    output: { format: 'es', codeSplitting: false, banner: '#!/usr/bin/env node', minify: 'dce-only' },
    write: false,
  });
  const chunk = result.output.find((o) => o.type === 'chunk');
  if (!chunk) throw new Error(`no output for ${name}`);
  const inputs = chunk.moduleIds
    .filter((id) => !id.startsWith('\0') && id.startsWith(ROOT) && !id.includes('/node_modules/'))
    .map((id) => relative(ROOT, id));
  await mkdir(DIST, { recursive: true });
  // Write then rename: a concurrent `npm run cli` never runs half a file.
  const file = resolve(DIST, `${name}.js`);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, chunk.code);
  await chmod(tmp, 0o755);
  await rename(tmp, file);
  const list = resolve(DIST, `${name}.inputs.json`);
  await writeFile(`${list}.${process.pid}.tmp`, JSON.stringify([...ALWAYS, ...inputs], null, 1));
  await rename(`${list}.${process.pid}.tmp`, list);
  return file;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const names = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(ENTRIES);
  for (const name of names) {
    const started = performance.now();
    const file = await buildEntry(name);
    console.log(`built ${relative(ROOT, file)} in ${Math.round(performance.now() - started)} ms`);
  }
}
