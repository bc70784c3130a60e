// The Node.js version check every command runs first (npm start, the simulator, the preview, the CLI).
// Plain JavaScript that any Node can parse, importing only node:fs/node:url, and run as its own
// step before tsx (`node electron/dev/require-node.mjs && tsx ...`): on an old Node the real entry
// points die inside undici with a stack trace, so nothing of theirs may load before this check.
// The required version is read from package.json `engines.node`, the one place it is declared.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PACKAGE_JSON = new URL('../../package.json', import.meta.url);

/** The minimum version in an `engines.node` range of the form ">=X.Y.Z"; undefined for any other form. */
export function minimumFromRange(range) {
  const match = /^\s*>=\s*v?(\d+)\.(\d+)\.(\d+)\s*$/.exec(String(range ?? ''));
  return match ? match.slice(1, 4).map(Number) : undefined;
}

export function requiredNodeRange(packageJsonUrl = PACKAGE_JSON) {
  return JSON.parse(readFileSync(packageJsonUrl, 'utf8'))?.engines?.node;
}

function parts(version) {
  return String(version).replace(/^v/, '').split('.').map((p) => Number.parseInt(p, 10) || 0);
}

/** True when `current` (e.g. process.versions.node) is older than the range's minimum. */
export function isOlder(current, range) {
  const minimum = minimumFromRange(range);
  if (!minimum) return false;
  const have = parts(current);
  for (let i = 0; i < 3; i += 1) {
    if ((have[i] ?? 0) !== minimum[i]) return (have[i] ?? 0) < minimum[i];
  }
  return false;
}

/** The one line shown on a Node that is too old. Kept here, not in the catalogue: nothing else can load yet. */
export function tooOldMessage(current, range) {
  const minimum = minimumFromRange(range)?.join('.') ?? String(range);
  return `Node.js ${minimum} or later is needed (this is Node.js ${String(current).replace(/^v/, '')}): install the current Node.js 22 LTS from https://nodejs.org/ or with a version manager (e.g. \`nvm install 22\`), then run the command again.`;
}

/** Exits with status 1 and one line on stderr when this Node is too old; otherwise does nothing. */
export function requireNode(current = process.versions.node) {
  let range;
  try {
    range = requiredNodeRange();
  } catch {
    return; // no readable package.json: nothing to check against, let the command report its own errors
  }
  if (!isOlder(current, range)) return;
  process.stderr.write(`${tooOldMessage(current, range)}\n`);
  process.exit(1);
}

// Run as a script, not when imported: the file name is checked too, because once bundled into
// dist/cli.js (through electron/runtime/require-node.ts) import.meta.url is the bundle's own.
if (process.argv[1]?.endsWith('require-node.mjs') && fileURLToPath(import.meta.url) === process.argv[1]) requireNode();
