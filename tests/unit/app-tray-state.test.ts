import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../shared/ipc-contract';
import { createTranslator, english, msg } from '../../shared/i18n';
import type { HeldCall } from '../../shared/model';
import { formatHoldTime as formatDuration } from '../../shared/format';
import { MENU_CALL_LIMIT, numberOf, trayIcon, trayMenu, trayState, type TrayInput, type TrayMenuItem } from '../../electron/app/tray-state';
import { panelPosition } from '../../electron/main/panel-position';
import { drawTrayIcon } from '../../electron/main/tray-icon';

const NOW = 1_700_000_000_000;
const session = (status: SessionView['status'], extra: Partial<SessionView> = {}): SessionView => ({
  status,
  since: NOW - 60_000,
  configured: true,
  passwordRemembered: false,
  canRememberPassword: true,
  demo: false,
  ...extra,
});
const call = (callid: string, caller: string, heldForSec: number): HeldCall => ({
  callid,
  caller,
  called: '4001',
  callskill: 'Billing',
  callfeature: 0,
  callfeatureLabel: 'Inbound',
  heldSince: NOW - heldForSec * 1000,
});
const CALLS = [call('c1', '07700900123', 192), call('c2', '+442079460958', 45)];
/** The tray in English: every input carries the agent's translator. */
type Input = Omit<TrayInput, 't' | 'freshness'> & Partial<Pick<TrayInput, 'freshness'>>;
const state = (input: Input) => trayState({ freshness: 'fresh', ...input, t: english });
const menu = (input: Input) => trayMenu({ freshness: 'fresh', ...input, t: english });
const labels = (items: TrayMenuItem[]) => items.map((i) => (i.kind === 'item' ? i.label : '---'));

describe('trayState', () => {
  it('signed out', () => {
    expect(state({ session: session('signed-out'), calls: CALLS, now: NOW })).toEqual({ kind: 'signed-out', count: 0, tooltip: 'Signed out', badge: '' });
    expect(state({ session: session('signed-out', { configured: false }), calls: [], now: NOW }).tooltip).toMatch(/set up the gateway/);
    expect(state({ session: session('signed-out', { reason: msg('gateway.100-006') }), calls: [], now: NOW }).tooltip).toBe(
      'Signed out (You are not signed in (a supervisor or another client may have signed you out). Please sign in again.)',
    );
  });

  it('idle and held, with the longest hold in the tooltip', () => {
    expect(state({ session: session('signed-in'), calls: [], now: NOW })).toEqual({ kind: 'idle', count: 0, tooltip: 'No calls on hold', badge: '' });
    expect(state({ session: session('signed-in'), calls: CALLS, now: NOW })).toEqual({ kind: 'held', count: 2, tooltip: '2 on hold, longest 3:12', badge: '2' });
    expect(state({ session: session('signed-in'), calls: [CALLS[1]!], now: NOW }).tooltip).toBe('1 on hold, 0:45');
    // Counts go through Intl (grouping per locale), never hand-formatted.
    const lots = Array.from({ length: 1234 }, (_, i) => call(`l${i}`, '0161496000', 5));
    expect(state({ session: session('signed-in'), calls: lots, now: NOW }).tooltip).toBe('1,234 on hold, longest 0:05');
    const many = Array.from({ length: 12 }, (_, i) => call(`m${i}`, '0161496000', i));
    expect(state({ session: session('signed-in'), calls: many, now: NOW }).badge).toBe('9+');
  });

  it('trouble: reconnecting, a taken hotkey, a recent action failure', () => {
    expect(state({ session: session('reconnecting'), calls: CALLS, now: NOW })).toMatchObject({ kind: 'trouble', count: 2, tooltip: 'Reconnecting…' });
    expect(state({ session: session('reconnecting', { reason: msg('client.ECONNREFUSED') }), calls: CALLS, now: NOW }).tooltip).toBe('Reconnecting… (The gateway refused the connection.)');
    const taken = state({
      session: session('signed-in'),
      calls: [],
      now: NOW,
      platform: 'win32',
      hotkeys: [{ action: 'resumeTop', accelerator: 'CommandOrControl+Alt+R', status: 'taken' }],
    });
    expect(taken).toMatchObject({ kind: 'trouble', tooltip: 'Hotkey Ctrl+Alt+R is taken by another program.' });
    const failed = state({ session: session('signed-in'), calls: CALLS, now: NOW, lastFailure: { message: msg('gateway.200-015'), at: NOW - 5_000 } });
    expect(failed).toMatchObject({ kind: 'trouble', tooltip: '2 on hold, longest 3:12\nThat call is no longer on hold.' });
    const old = state({ session: session('signed-in'), calls: CALLS, now: NOW, lastFailure: { message: msg('gateway.200-015'), at: NOW - 120_000 } });
    expect(old.kind).toBe('held');
  });
});

describe('trayMenu', () => {
  it('signed in with calls: resume top, each call with its hold time, then the app items', () => {
    const items = menu({ session: session('signed-in'), calls: CALLS, now: NOW });
    expect(labels(items)).toEqual([
      'Resume top call: 07700900123',
      '---',
      'Resume 07700900123 (3:12)',
      'Resume +442079460958 (0:45)',
      '---',
      'Show panel',
      'Refresh held calls',
      'Settings…',
      'Sign out',
      '---',
      'Quit',
    ]);
    const second = items[3];
    // Every call line runs a Command through the one command path.
    expect(second).toMatchObject({ kind: 'item', action: { type: 'command', command: { type: 'resume', callid: 'c2' } } });
    expect(items[0]).toMatchObject({ enabled: true, action: { type: 'command', command: { type: 'resume-position', position: 1 } } });
    expect(items.find((i) => i.kind === 'item' && i.label === 'Refresh held calls')).toMatchObject({ enabled: true, action: { type: 'command', command: { type: 'refresh' } } });
    expect(items.find((i) => i.kind === 'item' && i.label === 'Settings…')).toMatchObject({ action: { type: 'settings' } });
  });

  it('signed out: resume and refresh are disabled and sign-in replaces sign-out', () => {
    const items = menu({ session: session('signed-out'), calls: CALLS, now: NOW });
    expect(items[0]).toMatchObject({ label: 'Resume top call (none on hold)', enabled: false });
    expect(labels(items)).toContain('Sign in…');
    expect(labels(items)).not.toContain('Sign out');
    expect(items.find((i) => i.kind === 'item' && i.action.type === 'command' && i.action.command.type === 'refresh')).toMatchObject({ enabled: false });
  });

  it('caps the per-call lines and points to the panel for the rest', () => {
    const many = Array.from({ length: MENU_CALL_LIMIT + 3 }, (_, i) => call(`m${i}`, '0161496000', 10));
    const items = menu({ session: session('signed-in'), calls: many, now: NOW });
    expect(items.filter((i) => i.kind === 'item' && i.action.type === 'command' && i.action.command.type === 'resume')).toHaveLength(MENU_CALL_LIMIT);
    expect(labels(items)).toContain('3 more in the panel…');
    const one = menu({ session: session('signed-in'), calls: many.slice(0, MENU_CALL_LIMIT + 1), now: NOW });
    expect(labels(one)).toContain('1 more in the panel…');
  });
});

describe('the tray in Simplified Chinese', () => {
  const zh = createTranslator('zh-CN');

  it('renders the tooltip and menu in the agent\'s language, numbers and times unchanged', () => {
    const held = trayState({ freshness: 'fresh', session: session('signed-in'), calls: CALLS, now: NOW, t: zh });
    expect(held.tooltip).toBe(zh.text('tray.held', { count: 2, longest: '3:12' }));
    expect(held.tooltip).toMatch(/[\u4e00-\u9fff]/);
    expect(held.tooltip).toContain('3:12');
    const items = trayMenu({ freshness: 'fresh', session: session('signed-in'), calls: CALLS, now: NOW, t: zh });
    expect(labels(items)).toContain(zh.text('tray.menu.quit'));
    expect(labels(items).filter((l) => l !== '---').every((l) => /[\u4e00-\u9fff]/.test(l))).toBe(true);
    const taken = trayState({ freshness: 'fresh', session: session('signed-in'), calls: [], now: NOW, platform: 'win32', t: zh, hotkeys: [{ action: 'resumeTop', accelerator: 'CommandOrControl+Alt+R', status: 'taken' }] });
    expect(taken.tooltip).toBe(zh.text('hotkey.taken', { key: 'Ctrl+Alt+R' }));
    const out = trayState({ freshness: 'fresh', session: session('signed-out', { reason: msg('gateway.100-006') }), calls: [], now: NOW, t: zh });
    expect(out.tooltip).toContain(zh.text('gateway.100-006'));
  });
});

describe('formatting', () => {
  it('durations and caller numbers', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(192_000)).toBe('3:12');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    // Numbers stay as the gateway gave them: grouping differs by country and is never guessed.
    expect(numberOf('07700900123')).toBe('07700900123');
    expect(numberOf('+442079460958')).toBe('+442079460958');
    expect(numberOf(' 4001 ')).toBe('4001');
    expect(numberOf('')).toEqual(msg('tray.unknown-number'));
    expect(english.t(msg('tray.menu.resume', { who: numberOf(''), held: '0:05' }))).toBe('Resume unknown number (0:05)');
  });
});

describe('tray icon', () => {
  function decode(png: Buffer): { width: number; height: number; pixels: Buffer } {
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    let offset = 8;
    const idat: Buffer[] = [];
    while (offset < png.length) {
      const length = png.readUInt32BE(offset);
      const type = png.toString('ascii', offset + 4, offset + 8);
      if (type === 'IDAT') idat.push(png.subarray(offset + 8, offset + 8 + length));
      offset += 12 + length;
    }
    return { width, height, pixels: inflateSync(Buffer.concat(idat)) };
  }

  it('draws a valid PNG with the count in white on the state colour', () => {
    const held = state({ session: session('signed-in'), calls: CALLS, now: NOW });
    const spec = trayIcon(held);
    expect(spec).toMatchObject({ text: '2', hollow: false });
    for (const size of [16, 32]) {
      const { width, height, pixels } = decode(drawTrayIcon(spec, size));
      expect([width, height]).toEqual([size, size]);
      expect(pixels.length).toBe(size * (size * 4 + 1));
      const rgba = (x: number, y: number) => [...pixels.subarray(y * (size * 4 + 1) + 1 + x * 4, y * (size * 4 + 1) + 1 + x * 4 + 4)];
      let white = 0;
      for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (rgba(x, y).join() === '255,255,255,255') white++;
      expect(white).toBeGreaterThan(size / 2);
      expect(rgba(0, 0)[3]).toBe(0); // transparent corner
    }
    const idle = decode(drawTrayIcon(trayIcon(state({ session: session('signed-in'), calls: [], now: NOW })), 16));
    expect(idle.pixels.includes(255)).toBe(true);
  });

  it('uses distinct looks per state', () => {
    const kinds = ['signed-out', 'idle', 'held', 'trouble'] as const;
    const specs = kinds.map((kind) => trayIcon({ kind, count: 0, tooltip: '', badge: '' }));
    expect(new Set(specs.map((s) => `${s.color.join()}|${s.hollow}`)).size).toBe(4);
    expect(trayIcon({ kind: 'trouble', count: 0, tooltip: '', badge: '' }).text).toBe('!');
  });
});

describe('panelPosition', () => {
  const size = { width: 360, height: 480 };
  it('opens above a bottom taskbar icon, inside the work area', () => {
    const work = { x: 0, y: 0, width: 1920, height: 1040 };
    expect(panelPosition({ x: 1800, y: 1045, width: 24, height: 24 }, size, work)).toEqual({ x: 1556, y: 556 });
  });
  it('opens below a top menu bar icon', () => {
    const work = { x: 0, y: 25, width: 1440, height: 875 };
    expect(panelPosition({ x: 700, y: 0, width: 22, height: 22 }, size, work)).toEqual({ x: 531, y: 29 });
  });
  it('falls back to the bottom-right corner when the tray bounds are unknown (Linux)', () => {
    const work = { x: 1920, y: 0, width: 1280, height: 1024 };
    expect(panelPosition({ x: 0, y: 0, width: 0, height: 0 }, size, work)).toEqual({ x: 2836, y: 540 });
  });
});
