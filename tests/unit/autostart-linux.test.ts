// The Linux side of "launch at login": an XDG autostart entry, written and removed in a temp dir.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTOSTART_FILE_NAME, autostartDir, autostartEntry, launchTarget, quoteExecArg, syncLinuxAutostart } from '../../electron/app/autostart-linux';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const temp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'cec-autostart-'));
  dirs.push(d);
  return d;
};

describe('Linux autostart', () => {
  it('writes the entry when enabled, leaves it when unchanged, removes it when disabled', () => {
    const dir = join(temp(), 'autostart');
    const target = '/opt/Held Calls/cec-held-calls';
    expect(syncLinuxAutostart(true, { dir, target })).toBe('written');
    const text = readFileSync(join(dir, AUTOSTART_FILE_NAME), 'utf8');
    expect(text).toContain('[Desktop Entry]');
    expect(text).toContain('Exec="/opt/Held Calls/cec-held-calls"');
    expect(text).toContain('Type=Application');
    expect(syncLinuxAutostart(true, { dir, target })).toBe('unchanged');
    expect(syncLinuxAutostart(true, { dir, target: '/usr/bin/cec-held-calls' })).toBe('written');
    expect(readFileSync(join(dir, AUTOSTART_FILE_NAME), 'utf8')).toContain('Exec=/usr/bin/cec-held-calls\n');
    expect(syncLinuxAutostart(false, { dir, target })).toBe('removed');
    expect(existsSync(join(dir, AUTOSTART_FILE_NAME))).toBe(false);
    expect(syncLinuxAutostart(false, { dir, target })).toBe('unchanged');
  });

  it('replaces an entry someone edited', () => {
    const dir = temp();
    writeFileSync(join(dir, AUTOSTART_FILE_NAME), '[Desktop Entry]\nExec=/tmp/evil\n');
    expect(syncLinuxAutostart(true, { dir, target: '/usr/bin/cec-held-calls' })).toBe('written');
    expect(readFileSync(join(dir, AUTOSTART_FILE_NAME), 'utf8')).not.toContain('/tmp/evil');
  });

  it('starts the AppImage file, not its temporary mount', () => {
    expect(launchTarget({ APPIMAGE: '/home/a/Apps/held-calls.AppImage' }, '/tmp/.mount_abc/cec-held-calls')).toBe('/home/a/Apps/held-calls.AppImage');
    expect(launchTarget({}, '/opt/Held Calls/cec-held-calls')).toBe('/opt/Held Calls/cec-held-calls');
    expect(launchTarget({ APPIMAGE: 'relative.AppImage' }, '/usr/bin/x')).toBe('/usr/bin/x');
  });

  it('honours an absolute XDG_CONFIG_HOME, else ~/.config', () => {
    expect(autostartDir({ XDG_CONFIG_HOME: '/cfg' }, '/home/a')).toBe('/cfg/autostart');
    expect(autostartDir({ XDG_CONFIG_HOME: 'rel' }, '/home/a')).toBe('/home/a/.config/autostart');
    expect(autostartDir({}, '/home/a')).toBe('/home/a/.config/autostart');
  });

  it('quotes Exec arguments by the desktop entry rules and refuses line breaks', () => {
    expect(quoteExecArg('/usr/bin/app')).toBe('/usr/bin/app');
    expect(quoteExecArg('/opt/a b/app')).toBe('"/opt/a b/app"');
    expect(quoteExecArg('/opt/$x`"/app')).toBe('"/opt/\\\\$x\\\\`\\\\"/app"');
    expect(() => autostartEntry('/opt/a\nExec=/tmp/evil')).toThrow(/line break/);
  });
});
