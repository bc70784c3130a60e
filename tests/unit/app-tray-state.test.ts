import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../shared/ipc-contract';
import type { HeldCall } from '../../shared/model';
import { formatHoldTime as formatDuration } from '../../shared/format';
import { formatNumber, MENU_CALL_LIMIT, trayIcon, trayMenu, trayState, type TrayMenuItem } from '../../electron/app/tray-state';
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
const labels = (items: TrayMenuItem[]) => items.map((i) => (i.kind === 'item' ? i.label : '---'));

describe('trayState', () => {
  it('signed out', () => {
    expect(trayState({ session: session('signed-out'), calls: CALLS, freshness: 'fresh', now: NOW })).toEqual({ kind: 'signed-out', count: 0, tooltip: 'Signed out', badge: '' });
    expect(trayState({ session: session('signed-out', { configured: false }), calls: [], freshness: 'fresh', now: NOW }).tooltip).toMatch(/set up the gateway/);
    expect(trayState({ session: session('signed-out', { reason: 'Signed in elsewhere' }), calls: [], freshness: 'fresh', now: NOW }).tooltip).toBe('Signed out (Signed in elsewhere)');
  });

  it('idle and held, with the longest hold in the tooltip', () => {
    expect(trayState({ session: session('signed-in'), calls: [], freshness: 'fresh', now: NOW })).toEqual({ kind: 'idle', count: 0, tooltip: 'No calls on hold', badge: '' });
    expect(trayState({ session: session('signed-in'), calls: CALLS, freshness: 'fresh', now: NOW })).toEqual({ kind: 'held', count: 2, tooltip: '2 on hold, longest 3:12', badge: '2' });
    expect(trayState({ session: session('signed-in'), calls: [CALLS[1]!], freshness: 'fresh', now: NOW }).tooltip).toBe('1 on hold, 0:45');
    const many = Array.from({ length: 12 }, (_, i) => call(`m${i}`, '0161496000', i));
    expect(trayState({ session: session('signed-in'), calls: many, freshness: 'fresh', now: NOW }).badge).toBe('9+');
  });

  it('trouble: reconnecting, a taken hotkey, a recent action failure', () => {
    expect(trayState({ session: session('reconnecting'), calls: CALLS, freshness: 'fresh', now: NOW })).toMatchObject({ kind: 'trouble', count: 2, tooltip: 'Reconnecting…' });
    const taken = trayState({
      session: session('signed-in'),
      calls: [],
      freshness: 'fresh',
      now: NOW,
      platform: 'win32',
      hotkeys: [{ action: 'resumeTop', accelerator: 'CommandOrControl+Alt+R', status: 'taken' }],
    });
    expect(taken).toMatchObject({ kind: 'trouble', tooltip: 'Hotkey Ctrl+Alt+R is taken by another program' });
    const failed = trayState({ session: session('signed-in'), calls: CALLS, freshness: 'fresh', now: NOW, lastFailure: { message: 'The call is no longer on hold.', at: NOW - 5_000 } });
    expect(failed).toMatchObject({ kind: 'trouble', tooltip: '2 on hold, longest 3:12\nThe call is no longer on hold.' });
    const old = trayState({ session: session('signed-in'), calls: CALLS, freshness: 'fresh', now: NOW, lastFailure: { message: 'old', at: NOW - 120_000 } });
    expect(old.kind).toBe('held');
  });
});

describe('trayState: a held list that is not fresh, and signing in again', () => {
  it('shows a stale list as trouble with its age, never "No calls on hold"', () => {
    const stale = trayState({ session: session('signed-in'), calls: [], freshness: 'stale', readAt: NOW - 125_000, now: NOW });
    expect(stale).toMatchObject({ kind: 'trouble', tooltip: 'Held list may be out of date (read 2:05 ago)' });
    const staleHeld = trayState({ session: session('signed-in'), calls: CALLS, freshness: 'stale', readAt: NOW - 5_000, now: NOW });
    expect(staleHeld).toMatchObject({ kind: 'trouble', count: 2, tooltip: '2 on hold, longest 3:12\nHeld list may be out of date (read 0:05 ago)' });
    const unknown = trayState({ session: session('signed-in'), calls: [], freshness: 'unknown', now: NOW });
    expect(unknown).toMatchObject({ kind: 'trouble', tooltip: 'Held list not read yet' });
    expect(unknown.tooltip).not.toMatch(/No calls/);
  });

  it('counts down to the next sign-in attempt', () => {
    const state = trayState({
      session: session('reconnecting', { code: 'RESIGNING_IN', attempt: 3, retryAt: NOW + 7_200 }),
      calls: CALLS,
      freshness: 'stale',
      readAt: NOW - 30_000,
      now: NOW,
    });
    expect(state).toMatchObject({ kind: 'trouble', tooltip: 'Reconnecting (attempt 3, next in 8 s)\nHeld list may be out of date (read 0:30 ago)' });
    const trying = trayState({ session: session('reconnecting', { code: 'RESIGNING_IN', attempt: 3 }), calls: [], freshness: 'stale', now: NOW });
    expect(trying.tooltip.split('\n')[0]).toBe('Reconnecting (attempt 3)…');
  });
});

describe('trayMenu', () => {
  it('signed in with calls: resume top, each call with its hold time, then the app items', () => {
    const items = trayMenu({ session: session('signed-in'), calls: CALLS, freshness: 'fresh', now: NOW });
    expect(labels(items)).toEqual([
      'Resume top call: 07700 900123',
      '---',
      'Resume 07700 900123 (3:12)',
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
    expect(second).toMatchObject({ kind: 'item', action: { type: 'resume', callid: 'c2' } });
    expect(items[0]).toMatchObject({ enabled: true, action: { type: 'resume-top' } });
  });

  it('signed out: resume and refresh are disabled and sign-in replaces sign-out', () => {
    const items = trayMenu({ session: session('signed-out'), calls: CALLS, freshness: 'fresh', now: NOW });
    expect(items[0]).toMatchObject({ label: 'Resume top call (none on hold)', enabled: false });
    expect(labels(items)).toContain('Sign in…');
    expect(labels(items)).not.toContain('Sign out');
    expect(items.find((i) => i.kind === 'item' && i.action.type === 'refresh')).toMatchObject({ enabled: false });
  });

  it('caps the per-call lines and points to the panel for the rest', () => {
    const many = Array.from({ length: MENU_CALL_LIMIT + 3 }, (_, i) => call(`m${i}`, '0161496000', 10));
    const items = trayMenu({ session: session('signed-in'), calls: many, freshness: 'fresh', now: NOW });
    expect(items.filter((i) => i.kind === 'item' && i.action.type === 'resume')).toHaveLength(MENU_CALL_LIMIT);
    expect(labels(items)).toContain('3 more in the panel…');
  });
});

describe('formatting', () => {
  it('durations and numbers', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(192_000)).toBe('3:12');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatNumber('07700900123')).toBe('07700 900123');
    expect(formatNumber('02079460321')).toBe('02079460321');
    expect(formatNumber('4001')).toBe('4001');
    expect(formatNumber('')).toBe('unknown number');
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
    const state = trayState({ session: session('signed-in'), calls: CALLS, freshness: 'fresh', now: NOW });
    const spec = trayIcon(state);
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
    const idle = decode(drawTrayIcon(trayIcon(trayState({ session: session('signed-in'), calls: [], freshness: 'fresh', now: NOW })), 16));
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
