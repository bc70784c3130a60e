import { describe, expect, it } from 'vitest';
import { heldSinceFile } from '../../electron/cli/state-dir';

describe('where the CLI keeps hold times', () => {
  it('follows each OS’s per-user state directory', () => {
    expect(heldSinceFile({ XDG_STATE_HOME: '/x/state' }, 'linux', '/home/a')).toBe('/x/state/cec-held-calls/held-since.json');
    expect(heldSinceFile({}, 'linux', '/home/a')).toBe('/home/a/.local/state/cec-held-calls/held-since.json');
    expect(heldSinceFile({ XDG_STATE_HOME: 'relative' }, 'linux', '/home/a')).toBe('/home/a/.local/state/cec-held-calls/held-since.json');
    expect(heldSinceFile({}, 'darwin', '/Users/a')).toBe('/Users/a/Library/Application Support/cec-held-calls/held-since.json');
    expect(heldSinceFile({ LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'win32', 'C:\\Users\\a')).toBe('C:\\Users\\a\\AppData\\Local\\cec-held-calls\\held-since.json');
    expect(heldSinceFile({}, 'win32', 'C:\\Users\\a')).toBe('C:\\Users\\a\\AppData\\Local\\cec-held-calls\\held-since.json');
  });
});
