// `npm run package:check`: builds the app, packs it with electron-builder for the unpacked
// directory target (the same config as the installers), and inspects the result:
//   - app.asar holds the built main, preload and renderer, byte for byte, and nothing else of ours;
//   - its node_modules are exactly the production dependencies (name@version, from npm's tree);
//   - no source, test, source map, certificate, key or .env file is in it;
//   - every module the main bundle imports loads from inside the (extracted) asar, with its whole
//     dependency graph, and nothing resolves outside it;
//   - the declared dependencies are exactly what the main bundle imports;
//   - the fuses in the packed binary are the hardened ones (build/hooks/fuses.mjs);
//   - the icons match build/icon.svg;
// and reports the package size. Writes test-results/package-check.json for tests/summary.mjs.
//
// The real Electron distribution is used where it is installed. Where it is not, a STAND-IN
// (scripts/electron-stand-in.ts) takes its place, only to lay out and inspect the package.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { extractAll, extractFile, listPackage, statFile } from '@electron/asar';
import { init as lexerInit, parse as lexImports } from 'es-module-lexer';
import { findElectronBinary } from '../electron/dev/electron-binary';
import { readFuses } from '../build/hooks/fuses.mjs';
import { createElectronStandIn } from './electron-stand-in';
import { electronPackageVersion, packDir, realElectronDist } from './pack-dir';
import { generateIcons } from './generate-icons';
import {
  bareImports,
  diff,
  forbiddenFiles,
  formatBytes,
  missingBuiltFiles,
  missingEntries,
  normaliseAsarPath,
  packageDirs,
  packageName,
  unexpectedTopLevel,
  unresolvedDependencies,
  type Check,
  type PackedPackage,
} from './package-inspect';
import { ELECTRON_STAND_IN_EXPORTS, PROBE_SOURCE } from './package-probe';

const ROOT = resolve(import.meta.dirname, '..');
const REPORT = join(ROOT, 'test-results', 'package-check.json');
const checks: Check[] = [];
const check = (name: string, ok: boolean, detail: string, items?: string[]): void => {
  checks.push({ name, ok, detail, ...(items && items.length ? { items } : {}) });
  console.log(`${ok ? '  ok ' : '  FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
};
const list = (items: readonly string[], max = 8): string => (items.length > max ? `${items.slice(0, max).join(', ')} … (+${items.length - max})` : items.join(', '));

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

function dirSize(dir: string): number {
  return walk(dir).reduce((sum, f) => sum + statSync(f).size, 0);
}

/** name@version of every production package, from npm's own tree. */
function productionPackages(): Set<string> {
  const tree = JSON.parse(execFileSync('npm', ['ls', '--omit=dev', '--all', '--json'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], shell: process.platform === 'win32' })) as { dependencies?: Record<string, { version?: string; dependencies?: object }> };
  const found = new Set<string>();
  const visit = (deps: Record<string, { version?: string; dependencies?: object }> | undefined): void => {
    for (const [name, node] of Object.entries(deps ?? {})) {
      if (node.version) found.add(`${name}@${node.version}`);
      visit(node.dependencies as Record<string, { version?: string; dependencies?: object }> | undefined);
    }
  };
  visit(tree.dependencies);
  // npm ls lists an optional peer that happens to be installed as a dev dependency (typescript,
  // an optional peer of i18next) under the production tree; the lockfile marks it devOptional,
  // and nothing at run time needs it, so it is not part of what ships.
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; dev?: boolean; devOptional?: boolean }> };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!entry.devOptional || !entry.version) continue;
    found.delete(`${path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)}@${entry.version}`);
  }
  return found;
}

async function main(): Promise<number> {
  const started = Date.now();
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

  console.log('== package:check — build (electron-vite)');
  const { build: viteBuild } = await import('electron-vite');
  await viteBuild({ root: ROOT, configFile: join(ROOT, 'electron.vite.config.ts'), logLevel: 'warn' });

  const stale = [...generateIcons()].filter(([path, bytes]) => !existsSync(join(ROOT, path)) || !readFileSync(join(ROOT, path)).equals(bytes)).map(([p]) => p);
  check('icons match build/icon.svg', stale.length === 0, stale.length ? `stale: ${list(stale)} (npm run icons)` : '14 files');

  // The Electron distribution: the real one, or a stand-in made here and said to be one.
  const binary = findElectronBinary(ROOT);
  const electronVersion = electronPackageVersion(ROOT);
  let electronDist: string;
  let standIn = false;
  if (binary.found) {
    electronDist = realElectronDist(ROOT);
    console.log(`== Electron ${electronVersion}: the real distribution at ${electronDist}`);
  } else {
    electronDist = createElectronStandIn(electronVersion).dir;
    standIn = true;
    console.log(`== Electron binary not installed (${binary.reason}).`);
    console.log(`   Using a STAND-IN distribution at ${electronDist}: not Electron, only to inspect the package contents.`);
  }

  const output = mkdtempSync(join(tmpdir(), 'cec-package-check-'));
  try {
    console.log('== electron-builder --dir');
    const { asarPath, appOutDir, fuseTarget } = await packDir({ output, electronDist, electronVersion });
    const entries = listPackage(asarPath, { isPack: false }).map(normaliseAsarPath).filter(Boolean);
    const files = entries.filter((e) => 'size' in statFile(asarPath, e));
    const packed = new Set(files);
    const sizeOf = (f: string): number => (statFile(asarPath, f) as { size: number }).size;

    // 1. Our built code, all of it, and nothing else of ours.
    const built = walk(join(ROOT, 'out')).map((f) => relative(ROOT, f).split(sep).join('/'));
    const missing = missingBuiltFiles(built, packed);
    check('app.asar holds out/main, out/preload and out/renderer (every built file)', missing.length === 0 && ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].every((f) => packed.has(f)), missing.length ? `missing: ${list(missing)}` : `${built.length} files`);
    const different = built.filter((f) => packed.has(f) && !extractFile(asarPath, f).equals(readFileSync(join(ROOT, f))));
    check('the packed build is byte-identical to out/', different.length === 0, list(different));
    const tops = unexpectedTopLevel(files);
    check('app.asar top level is only package.json, out/ and node_modules/', tops.length === 0, tops.length ? `unexpected: ${list(tops)}` : '');
    const ourFiles = files.filter((f) => f.startsWith('out/'));
    const strayOut = ourFiles.filter((f) => !built.includes(f));
    check('no file under out/ that the build did not make', strayOut.length === 0, list(strayOut));

    // 2. Exactly the production dependencies.
    const dirs = packageDirs(files);
    const packages: PackedPackage[] = dirs.map((dir) => ({ dir, json: JSON.parse(extractFile(asarPath, `${dir}/package.json`).toString('utf8')) as PackedPackage['json'] }));
    const packedPackages = new Set(packages.map((p) => `${p.json.name}@${p.json.version}`));
    const prod = productionPackages();
    const deps = diff(prod, packedPackages);
    check('node_modules in app.asar = the production dependency tree (name@version)', deps.missing.length === 0 && deps.extra.length === 0, deps.missing.length || deps.extra.length ? `missing: ${list(deps.missing)}; extra: ${list(deps.extra)}` : `${prod.size} packages`);
    const prodNames = new Set([...prod].map((p) => p.slice(0, p.lastIndexOf('@'))));
    const devOnly = Object.keys(pkg.devDependencies).filter((name) => !prodNames.has(name));
    const devPacked = devOnly.filter((name) => dirs.some((d) => d === `node_modules/${name}` || d.endsWith(`/node_modules/${name}`)));
    const noEntry = missingEntries(packages, packed);
    check("every packed package's entry file (exports/main) is in app.asar", noEntry.length === 0, list(noEntry), noEntry);
    const noDep = unresolvedDependencies(packages);
    check("every packed package's dependencies are packed where Node looks for them", noDep.length === 0, list(noDep), noDep);
    check('no devDependency in app.asar', devPacked.length === 0, devPacked.length ? list(devPacked) : `${devOnly.length} dev-only packages absent`);

    // 3. Nothing that must not ship.
    const bad = forbiddenFiles(files);
    const badLines = bad.map((b) => `${b.file} (${b.why})`);
    check('no source, test, source map, certificate, key or .env in app.asar', bad.length === 0, list(badLines), badLines);
    const packedPkg = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as Record<string, unknown>;
    check('the packed package.json starts out/main/index.js as an ES module', packedPkg.main === './out/main/index.js' && packedPkg.type === 'module', `main ${String(packedPkg.main)}, type ${String(packedPkg.type)}`);

    // 4. What the main bundle imports, declared truthfully and loadable from inside the asar.
    await lexerInit;
    const mainSource = extractFile(asarPath, 'out/main/index.js').toString('utf8');
    const imports = bareImports(lexImports(mainSource)[0].map((i) => i.n));
    const external = imports.filter((s) => s !== 'electron');
    const importedPackages = [...new Set(external.map(packageName))].sort();
    const declared = diff(Object.keys(pkg.dependencies), importedPackages);
    check('package.json "dependencies" = the packages the main bundle imports', declared.missing.length === 0 && declared.extra.length === 0, declared.missing.length || declared.extra.length ? `declared but not imported: ${list(declared.missing)}; imported but not declared: ${list(declared.extra)}` : list(importedPackages));
    const extracted = mkdtempSync(join(tmpdir(), 'cec-package-asar-'));
    try {
      extractAll(asarPath, extracted);
      const probe = join(extracted, 'out', 'main', '__package_check_probe.mjs');
      writeFileSync(probe, PROBE_SOURCE);
      const run = spawnSync(process.execPath, [probe, JSON.stringify(external), JSON.stringify(ELECTRON_STAND_IN_EXPORTS)], { cwd: tmpdir(), encoding: 'utf8', timeout: 60_000 });
      const result = JSON.parse(run.stdout || '{"loaded":[],"resolved":[]}') as { loaded: Array<{ specifier: string; ok: boolean; error?: string }>; resolved: string[] };
      const failed = result.loaded.filter((l) => !l.ok);
      check('every module the main bundle imports loads from inside app.asar (whole graph)', run.status === 0 && failed.length === 0 && result.loaded.length === external.length, failed.length ? list(failed.map((f) => `${f.specifier}: ${f.error}`), 3) : `${list(external)}; ${result.resolved.length} modules loaded${run.stderr ? `; stderr: ${run.stderr.slice(0, 300)}` : ''}`);
      const root = pathToFileURL(extracted).href;
      const outside = result.resolved.filter((url) => url.startsWith('file:') && !url.startsWith(`${root}/`));
      check('no module resolved outside app.asar', outside.length === 0 && result.resolved.length > 0, list(outside, 3));
    } finally {
      rmSync(extracted, { recursive: true, force: true });
    }

    // 5. The hardened fuses, read back from the packed binary.
    const fuses = await readFuses(fuseTarget);
    check(`fuses in the packed ${standIn ? 'STAND-IN ' : ''}binary are the hardened set`, fuses.wrong.length === 0, fuses.wrong.length ? `wrong: ${fuses.wrong.join(', ')}` : fuses.report.join(', '));

    // 6. Size.
    const asarBytes = statSync(asarPath).size;
    const byPart = new Map<string, number>();
    for (const f of files) {
      const part = f.startsWith('out/') ? f.split('/').slice(0, 2).join('/') : f.startsWith('node_modules/') ? `node_modules/${packageName(f.slice('node_modules/'.length))}` : f;
      byPart.set(part, (byPart.get(part) ?? 0) + sizeOf(f));
    }
    const parts = [...byPart].sort((a, b) => b[1] - a[1]);
    const size = {
      asarBytes,
      asarFiles: files.length,
      appDirBytes: dirSize(appOutDir),
      standIn,
      parts: Object.fromEntries(parts),
    };
    console.log(`== Package size: app.asar ${formatBytes(asarBytes)} (${files.length} files)`);
    for (const [part, bytes] of parts.slice(0, 12)) console.log(`   ${formatBytes(bytes).padStart(10)}  ${part}`);
    console.log(
      standIn
        ? `   The unpacked directory is ${formatBytes(size.appDirBytes)} with the STAND-IN runtime; the real package adds the Electron ${electronVersion} runtime, not measured here.`
        : `   The unpacked directory with Electron ${electronVersion}: ${formatBytes(size.appDirBytes)}.`,
    );
    return finish(started, standIn, size);
  } finally {
    rmSync(output, { recursive: true, force: true });
    if (standIn) rmSync(electronDist, { recursive: true, force: true });
  }
}

function finish(started: number, standIn: boolean, size: object | undefined): number {
  const failed = checks.filter((c) => !c.ok).length;
  mkdirSync(dirname(REPORT), { recursive: true });
  writeFileSync(REPORT, JSON.stringify({ passed: checks.length - failed, failed, skipped: 0, standIn, size, checks, seconds: Math.round((Date.now() - started) / 1000) }, null, 2));
  console.log(`package:check: ${checks.length - failed} passed, ${failed} failed (${Math.round((Date.now() - started) / 1000)} s)${standIn ? ' — with the STAND-IN Electron distribution' : ''}`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('package:check could not run:', error instanceof Error ? (error.stack ?? error.message) : error);
    check('package:check ran to the end', false, error instanceof Error ? error.message : String(error));
    finish(Date.now(), false, undefined);
    process.exit(1);
  },
);
