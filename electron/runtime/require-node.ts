// The Node.js version check the built command-line entries (dist/cli.js, dist/simulator.js) run
// first. On an older Node, undici (and so every command) dies at load time with a stack trace
// about `bind`; this says instead, in one line, what is needed. The comparison and the sentence
// are electron/dev/require-node.mjs's (the check `npm start` and friends run), so there is one
// of each; only the minimum is baked in here, because a bundle copied to a workstation has no
// package.json beside it to read. Entries must load everything else after calling it (import()).
import { isOlder, tooOldMessage } from '../dev/require-node.mjs';

/** Keep in step with package.json "engines.node" (a unit test checks). */
export const REQUIRED_NODE = '22.19.0';

export function nodeTooOld(version: string = process.versions.node, required: string = REQUIRED_NODE): boolean {
  return isOlder(version, `>=${required}`);
}

/** Exit with the one line (status 2: a configuration problem, as the CLI's exit codes say) on a Node too old. */
export function requireNode(): void {
  if (!nodeTooOld()) return;
  process.stderr.write(`${tooOldMessage(process.versions.node, `>=${REQUIRED_NODE}`)}\n`);
  process.exit(2);
}
