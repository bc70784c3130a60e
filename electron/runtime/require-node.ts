// The Node.js version check every command-line entry runs first. On an older Node, undici (and
// so every command) dies at load time with a stack trace about `bind`; this says instead, in one
// line, what is needed. It must stay free of imports that could themselves fail on an old Node,
// and entries must load everything else after calling it (dynamic import()).

/** Keep in step with package.json "engines.node" (a unit test checks). */
export const REQUIRED_NODE = '22.19.0';

function parts(version: string): number[] {
  return version.replace(/^v/, '').split('.').map((n) => Number.parseInt(n, 10) || 0);
}

export function nodeTooOld(version: string = process.versions.node, required: string = REQUIRED_NODE): boolean {
  const have = parts(version);
  const need = parts(required);
  for (let i = 0; i < 3; i += 1) {
    if ((have[i] ?? 0) !== (need[i] ?? 0)) return (have[i] ?? 0) < (need[i] ?? 0);
  }
  return false;
}

/** Exit with one clear line when this Node is too old for `program`. */
export function requireNode(program: string): void {
  if (!nodeTooOld()) return;
  process.stderr.write(
    `${program} needs Node.js ${REQUIRED_NODE} or later; this is ${process.versions.node}. Get it from https://nodejs.org/ or your package manager.\n`,
  );
  process.exit(2);
}
