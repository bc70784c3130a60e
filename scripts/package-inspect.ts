// What may and may not be inside app.asar, as pure functions over its file list, so the rules are
// unit-tested apart from the (slow) packaging run in scripts/package-check.ts.
import { posix } from 'node:path';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  /** The full list behind a failure (the detail is shortened). */
  items?: string[];
}

/** asar listings start with '/' and use the host separator; normalise to 'a/b/c'. */
export function normaliseAsarPath(entry: string): string {
  return entry.replace(/\\/g, '/').replace(/^\/+/, '');
}

/** Files that must never ship, and why. First match wins. */
const FORBIDDEN: ReadonlyArray<{ test: RegExp; why: string }> = [
  { test: /(^|\/)\.env(\.[^/]*)?$/i, why: 'an environment file' },
  { test: /\.(pem|key|crt|cer|der|p12|pfx|p8|jks|keystore|csr)$/i, why: 'a certificate or key' },
  { test: /(^|\/)id_(rsa|dsa|ecdsa|ed25519)$/, why: 'an SSH key' },
  { test: /(?<!\.d)\.(ts|tsx|mts|cts)$/i, why: 'TypeScript source' },
  { test: /\.svelte$/i, why: 'Svelte source' },
  { test: /(^|\/)(test|tests|__tests__|__mocks__|spec|e2e-web|e2e-electron)\//i, why: 'a test directory' },
  { test: /\.(test|spec)\.[cm]?[jt]sx?$/i, why: 'a test file' },
  { test: /\.map$/i, why: 'a source map (it would ship the sources)' },
  { test: /(^|\/)(\.github|\.ci)\//, why: 'CI configuration' },
];

export function forbiddenFiles(files: readonly string[]): Array<{ file: string; why: string }> {
  const found: Array<{ file: string; why: string }> = [];
  for (const file of files) {
    const rule = FORBIDDEN.find((r) => r.test.test(file));
    if (rule) found.push({ file, why: rule.why });
  }
  return found;
}

/** Top-level entries of app.asar: only these may exist. */
export const ALLOWED_TOP_LEVEL: ReadonlySet<string> = new Set(['package.json', 'out', 'node_modules']);

export function unexpectedTopLevel(files: readonly string[]): string[] {
  return [...new Set(files.map((f) => f.split('/')[0]!))].filter((top) => !ALLOWED_TOP_LEVEL.has(top)).sort();
}

/** Package directories: a package.json directly inside node_modules/<name> or node_modules/@scope/<name>. */
export function packageDirs(files: readonly string[]): string[] {
  return files
    .filter((f) => f.endsWith('/package.json'))
    .map((f) => posix.dirname(f))
    .filter((dir) => /(^|\/)node_modules\/(@[^/]+\/)?[^/@][^/]*$/.test(dir))
    .sort();
}

/** The built files of out/ (without source maps) that must all be in the asar, byte for byte. */
export function missingBuiltFiles(built: readonly string[], packed: ReadonlySet<string>): string[] {
  return built.filter((f) => !f.endsWith('.map') && !packed.has(f)).sort();
}

/**
 * Bare specifiers a module imports (static, re-exports and dynamic with a string literal), minus
 * Node built-ins and relative paths. 'electron' is kept: the caller decides (it is the runtime).
 */
export function bareImports(specifiers: ReadonlyArray<string | undefined>): string[] {
  const bare = specifiers.filter((s): s is string => typeof s === 'string' && s !== '' && !s.startsWith('.') && !s.startsWith('/') && !s.startsWith('node:') && !s.startsWith('data:'));
  return [...new Set(bare)].sort();
}

/** The package a bare specifier names: 'undici' → 'undici', '@a/b/c' → '@a/b'. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

/** Set difference both ways, for "exactly these" checks. */
export function diff(expected: Iterable<string>, actual: Iterable<string>): { missing: string[]; extra: string[] } {
  const want = new Set(expected);
  const got = new Set(actual);
  return { missing: [...want].filter((x) => !got.has(x)).sort(), extra: [...got].filter((x) => !want.has(x)).sort() };
}

export interface PackedPackage {
  /** e.g. node_modules/ajv or node_modules/tsyringe/node_modules/tslib */
  dir: string;
  json: { name?: string; version?: string; main?: string; exports?: unknown; dependencies?: Record<string, string> };
}

/** Conditions Node uses when Electron's main process imports or requires a package. */
const NODE_CONDITIONS = new Set(['import', 'require', 'node', 'default', 'module-sync']);

function exportTargets(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) exportTargets(v, out);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) if (NODE_CONDITIONS.has(key)) exportTargets(v, out);
  }
}

/**
 * The files the package's root entry ('.') names for Node: every import/require/node/default
 * target of "exports", else "main" (with Node's extension and index fallbacks), else index.js.
 * Each item lists alternatives; one of them must exist.
 */
export function entryCandidates(json: PackedPackage['json']): string[][] {
  if (json.exports !== undefined && json.exports !== null) {
    const exp = json.exports as Record<string, unknown> | string | unknown[];
    const root = typeof exp === 'object' && !Array.isArray(exp) && Object.keys(exp).some((k) => k.startsWith('.')) ? (exp as Record<string, unknown>)['.'] : exp;
    if (root === undefined) return []; // subpath exports only: nothing to import by the bare name
    const targets: string[] = [];
    exportTargets(root, targets);
    return targets.map((t) => [posix.normalize(t)]);
  }
  if (json.main) {
    const main = posix.normalize(json.main).replace(/\/$/, '');
    return [[main, `${main}.js`, `${main}.json`, `${main}.cjs`, `${main}/index.js`]];
  }
  return [['index.js']];
}

/** Packed packages whose entry file is missing from the asar. */
export function missingEntries(packages: readonly PackedPackage[], files: ReadonlySet<string>): string[] {
  const missing: string[] = [];
  for (const { dir, json } of packages) {
    for (const alternatives of entryCandidates(json)) {
      if (!alternatives.some((f) => files.has(`${dir}/${f}`))) missing.push(`${dir} → ${alternatives[0]}`);
    }
  }
  return missing.sort();
}

/**
 * Declared dependencies that Node's lookup (node_modules of the package, then of each parent)
 * would not find among the packed packages.
 */
export function unresolvedDependencies(packages: readonly PackedPackage[]): string[] {
  const dirs = new Set(packages.map((p) => p.dir));
  const unresolved: string[] = [];
  for (const { dir, json } of packages) {
    for (const dep of Object.keys(json.dependencies ?? {})) {
      let base: string | undefined = dir;
      let found = false;
      while (base !== undefined) {
        if (dirs.has(`${base}/node_modules/${dep}`)) {
          found = true;
          break;
        }
        const up = base.lastIndexOf('/node_modules/');
        base = up === -1 ? undefined : base.slice(0, up);
      }
      if (!found && !dirs.has(`node_modules/${dep}`)) unresolved.push(`${json.name ?? dir} → ${dep}`);
    }
  }
  return unresolved.sort();
}
