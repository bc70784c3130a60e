// Where the CLI keeps what must outlive one run: the first hold sightings, so `list` and `watch`
// show how long a call has really been held rather than how long since this run started, and the
// sessions a run could not sign out.
// A per-user state directory, as each OS expects one.
import { homedir } from 'node:os';
import { join, win32 } from 'node:path';

const DIR = 'cec-held-calls';

export function heldSinceFile(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  return stateFile('held-since.json', env, platform, home);
}

/** Sessions a run could not sign out (left-open.ts). */
export function leftOpenFile(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  return stateFile('left-open.json', env, platform, home);
}

function stateFile(file: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (platform === 'win32') return win32.join(env.LOCALAPPDATA || win32.join(home, 'AppData', 'Local'), DIR, file);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', DIR, file);
  // XDG: only an absolute XDG_STATE_HOME counts (the spec says to ignore a relative one).
  const state = env.XDG_STATE_HOME && env.XDG_STATE_HOME.startsWith('/') ? env.XDG_STATE_HOME : join(home, '.local', 'state');
  return join(state, DIR, file);
}
