// The rules npm run package:check applies to app.asar, on hand-made listings: each rule must
// catch what it is for (so a passing package check means something) and pass a clean package.
import { describe, expect, it } from 'vitest';
import {
  bareImports,
  diff,
  entryCandidates,
  forbiddenFiles,
  missingBuiltFiles,
  missingEntries,
  normaliseAsarPath,
  packageDirs,
  packageName,
  unexpectedTopLevel,
  unresolvedDependencies,
  type PackedPackage,
} from '../../scripts/package-inspect';

describe('forbiddenFiles', () => {
  it.each([
    ['.env', 'an environment file'],
    ['out/.env.production', 'an environment file'],
    ['node_modules/x/server.key', 'a certificate or key'],
    ['node_modules/x/fixtures/ca.pem', 'a certificate or key'],
    ['node_modules/x/cert.PFX', 'a certificate or key'],
    ['node_modules/x/.ssh/id_ed25519', 'an SSH key'],
    ['electron/main/index.ts', 'TypeScript source'],
    ['node_modules/@noble/hashes/src/sha2.ts', 'TypeScript source'],
    ['node_modules/x/src/a.mts', 'TypeScript source'],
    ['renderer/src/App.svelte', 'Svelte source'],
    ['node_modules/json-schema-traverse/spec/index.spec.js', 'a test directory'],
    ['node_modules/x/test/a.js', 'a test directory'],
    ['node_modules/x/lib/a.test.js', 'a test file'],
    ['out/main/index.js.map', 'a source map (it would ship the sources)'],
    ['.github/workflows/release.yml', 'CI configuration'],
  ])('%s is refused as %s', (file, why) => {
    expect(forbiddenFiles([file])).toEqual([{ file, why }]);
  });

  it('passes what a clean package holds (including .d.ts-like names and "testing" words)', () => {
    expect(
      forbiddenFiles([
        'package.json',
        'out/main/index.js',
        'out/preload/index.cjs',
        'out/renderer/index.html',
        'out/renderer/assets/index-abc.js',
        'node_modules/undici/lib/dispatcher/client.js',
        'node_modules/x/index.d.ts',
        'node_modules/x/lib/attestation.js',
        'node_modules/x/lib/keys.js',
        'node_modules/x/lib/contest/a.js',
      ]),
    ).toEqual([]);
  });
});

describe('listing helpers', () => {
  it('normaliseAsarPath strips the leading separator and uses /', () => {
    expect(normaliseAsarPath('/out/main/index.js')).toBe('out/main/index.js');
    expect(normaliseAsarPath('\\node_modules\\a\\b.js')).toBe('node_modules/a/b.js');
  });

  it('unexpectedTopLevel names anything beside package.json, out/ and node_modules/', () => {
    expect(unexpectedTopLevel(['package.json', 'out/main/index.js', 'node_modules/a/index.js'])).toEqual([]);
    expect(unexpectedTopLevel(['package.json', 'electron/main/index.ts', 'tests/x.ts', 'README.md'])).toEqual(['README.md', 'electron', 'tests']);
  });

  it('packageDirs finds packages (scoped, nested), not package.json files deeper inside a package', () => {
    expect(
      packageDirs([
        'package.json',
        'node_modules/undici/package.json',
        'node_modules/@peculiar/x509/package.json',
        'node_modules/tsyringe/node_modules/tslib/package.json',
        'node_modules/undici/lib/package.json',
        'node_modules/x/dist/cjs/package.json',
      ]),
    ).toEqual(['node_modules/@peculiar/x509', 'node_modules/tsyringe/node_modules/tslib', 'node_modules/undici']);
  });

  it('missingBuiltFiles names built files absent from the asar, ignoring source maps', () => {
    expect(missingBuiltFiles(['out/main/index.js', 'out/main/index.js.map', 'out/renderer/index.html'], new Set(['out/main/index.js']))).toEqual(['out/renderer/index.html']);
  });

  it('bareImports keeps package specifiers only; packageName finds the package', () => {
    expect(bareImports(['node:fs', './x.js', '/abs.js', 'undici', 'electron', '@a/b/sub', 'undici', undefined, 'data:text/javascript,1'])).toEqual(['@a/b/sub', 'electron', 'undici']);
    expect(packageName('@a/b/sub')).toBe('@a/b');
    expect(packageName('undici/lib/x')).toBe('undici');
  });

  it('diff reports both directions', () => {
    expect(diff(['a@1', 'b@1'], ['b@1', 'c@1'])).toEqual({ missing: ['a@1'], extra: ['c@1'] });
  });
});

describe('entry points and dependency lookup', () => {
  it('entryCandidates follows exports (conditions, subpaths, arrays), then main, then index.js', () => {
    expect(entryCandidates({ exports: './index.js' })).toEqual([['index.js']]);
    expect(entryCandidates({ exports: { '.': { types: './a.d.ts', import: './esm/a.js', require: './cjs/a.js' }, './sub': './sub.js' } })).toEqual([['esm/a.js'], ['cjs/a.js']]);
    expect(entryCandidates({ exports: { node: { import: './n.mjs' }, browser: './b.js', default: './d.js' } })).toEqual([['n.mjs'], ['d.js']]);
    expect(entryCandidates({ exports: { './sub': './sub.js' } })).toEqual([]);
    expect(entryCandidates({ main: './build/utils' })).toEqual([['build/utils', 'build/utils.js', 'build/utils.json', 'build/utils.cjs', 'build/utils/index.js']]);
    expect(entryCandidates({})).toEqual([['index.js']]);
  });

  it('missingEntries names a package whose entry was left out', () => {
    const packages: PackedPackage[] = [
      { dir: 'node_modules/pvutils', json: { name: 'pvutils', main: './build/utils.js' } },
      { dir: 'node_modules/ok', json: { name: 'ok', main: 'lib/index' } },
    ];
    expect(missingEntries(packages, new Set(['node_modules/ok/lib/index.js']))).toEqual(['node_modules/pvutils → build/utils.js']);
  });

  it("unresolvedDependencies follows Node's lookup: own node_modules, then each parent", () => {
    const packages: PackedPackage[] = [
      { dir: 'node_modules/tsyringe', json: { name: 'tsyringe', dependencies: { tslib: '^1' } } },
      { dir: 'node_modules/tsyringe/node_modules/tslib', json: { name: 'tslib' } },
      { dir: 'node_modules/pkijs', json: { name: 'pkijs', dependencies: { pvutils: '^1', tslib: '^2' } } },
    ];
    expect(unresolvedDependencies(packages)).toEqual(['pkijs → pvutils', 'pkijs → tslib']);
    packages.push({ dir: 'node_modules/tslib', json: { name: 'tslib' } }, { dir: 'node_modules/pvutils', json: { name: 'pvutils' } });
    expect(unresolvedDependencies(packages)).toEqual([]);
  });
});
