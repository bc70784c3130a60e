// What the tray shows, as a pure function of the session, the held calls and recent failures.
// The Electron glue (electron/main/tray.ts) only paints this; every wording decision is here.
import type { SessionView } from '../../shared/ipc-contract';
import type { HeldCall, ListFreshness } from '../../shared/model';
import { resignInText, statusText } from '../../shared/status-text';
import type { HotkeyRegistration } from '../../shared/settings';
import { formatAccelerator } from '../../shared/accelerator';
import { formatHoldTime } from '../../shared/format';

export type TrayKind = 'signed-out' | 'idle' | 'held' | 'trouble';

export interface TrayState {
  kind: TrayKind;
  count: number;
  tooltip: string;
  /** Short text for the icon or the macOS menu-bar title: '' when nothing is held. */
  badge: string;
}

export interface ActionFailure {
  message: string;
  /** Epoch ms. */
  at: number;
}

export interface TrayInput {
  session: SessionView;
  calls: HeldCall[];
  /** How far `calls` can be trusted: a count from a list that is not fresh is shown as trouble. */
  freshness: ListFreshness;
  /** Epoch ms of the last successful read of the held list. */
  readAt?: number;
  now: number;
  hotkeys?: HotkeyRegistration[];
  lastFailure?: ActionFailure;
  platform?: string;
}

/** A failed hotkey action stays in the tooltip this long, then the tray calms down again. */
export const FAILURE_VISIBLE_MS = 60_000;


/** UK mobile grouping ("07700 900123"); anything else as given, since grouping varies by area. */
export function formatNumber(number: string): string {
  const text = number.trim();
  if (/^07\d{9}$/.test(text)) return `${text.slice(0, 5)} ${text.slice(5)}`;
  return text || 'unknown number';
}

function hotkeyTrouble(hotkeys: HotkeyRegistration[], platform: string | undefined): string | undefined {
  const failed = hotkeys.find((h) => h.status === 'taken' || h.status === 'invalid');
  if (!failed) return undefined;
  const shown = formatAccelerator(failed.accelerator, platform);
  return failed.status === 'taken' ? `Hotkey ${shown} is taken by another program` : `Hotkey ${shown} is not a valid shortcut`;
}

export function badgeFor(count: number): string {
  if (count <= 0) return '';
  return count > 9 ? '9+' : String(count);
}

export function trayState(input: TrayInput): TrayState {
  const { session, calls, now } = input;
  const count = session.status === 'signed-out' ? 0 : calls.length;
  const badge = badgeFor(count);
  if (session.status === 'signed-out') {
    const tooltip = session.configured ? 'Signed out' : 'Signed out: set up the gateway in Settings';
    return { kind: 'signed-out', count, tooltip: session.reason ? `${tooltip} (${session.reason})` : tooltip, badge };
  }

  const longest = calls.reduce((max, call) => Math.max(max, now - call.heldSince), 0);
  const freshness = input.freshness;
  let main: string;
  if (session.status === 'signing-in') main = 'Signing in…';
  else if (count === 0) main = freshness === 'fresh' ? 'No calls on hold' : '';
  else if (count === 1) main = `1 on hold, ${formatHoldTime(longest)}`;
  else main = `${count} on hold, longest ${formatHoldTime(longest)}`;

  const troubles: string[] = [];
  if (session.status === 'reconnecting') troubles.push(resignInText(session, now) ?? 'Reconnecting…');
  // A list that is not known to be current is trouble: the count may be wrong.
  if (session.status !== 'signing-in' && freshness === 'unknown') troubles.push(statusText('TRAY_LIST_UNKNOWN'));
  if (session.status !== 'signing-in' && freshness === 'stale') {
    troubles.push(statusText('TRAY_LIST_STALE', { ageMs: input.readAt === undefined ? 0 : now - input.readAt }));
  }
  const hotkey = hotkeyTrouble(input.hotkeys ?? [], input.platform);
  if (hotkey) troubles.push(hotkey);
  const failure = input.lastFailure;
  if (failure && now - failure.at < FAILURE_VISIBLE_MS) troubles.push(failure.message);

  if (troubles.length > 0) {
    // While reconnecting the list may be stale, so the trouble leads.
    const lines = session.status === 'reconnecting' || count === 0 || !main ? troubles : [main, ...troubles];
    return { kind: 'trouble', count, tooltip: lines.join('\n'), badge };
  }
  return { kind: count > 0 ? 'held' : 'idle', count, tooltip: main, badge };
}

export type TrayAction =
  | { type: 'resume-top' }
  | { type: 'resume'; callid: string }
  | { type: 'show' }
  | { type: 'refresh' }
  | { type: 'settings' }
  | { type: 'sign-out' }
  | { type: 'quit' };

export type TrayMenuItem = { kind: 'item'; label: string; enabled: boolean; action: TrayAction } | { kind: 'separator' };

/** How many held calls get their own menu line; the panel shows the rest. */
export const MENU_CALL_LIMIT = 8;

export function trayMenu(input: TrayInput): TrayMenuItem[] {
  const { session, calls, now } = input;
  const signedIn = session.status === 'signed-in' || session.status === 'reconnecting';
  const items: TrayMenuItem[] = [];
  const top = signedIn ? calls[0] : undefined;
  items.push({
    kind: 'item',
    label: top ? `Resume top call: ${formatNumber(top.caller)}` : 'Resume top call (none on hold)',
    enabled: top !== undefined,
    action: { type: 'resume-top' },
  });
  if (signedIn && calls.length > 0) {
    items.push({ kind: 'separator' });
    for (const call of calls.slice(0, MENU_CALL_LIMIT)) {
      items.push({
        kind: 'item',
        label: `Resume ${formatNumber(call.caller)} (${formatHoldTime(now - call.heldSince)})`,
        enabled: true,
        action: { type: 'resume', callid: call.callid },
      });
    }
    if (calls.length > MENU_CALL_LIMIT) {
      items.push({ kind: 'item', label: `${calls.length - MENU_CALL_LIMIT} more in the panel…`, enabled: true, action: { type: 'show' } });
    }
  }
  items.push({ kind: 'separator' });
  items.push({ kind: 'item', label: 'Show panel', enabled: true, action: { type: 'show' } });
  items.push({ kind: 'item', label: 'Refresh held calls', enabled: signedIn, action: { type: 'refresh' } });
  items.push({ kind: 'item', label: 'Settings…', enabled: true, action: { type: 'settings' } });
  if (session.status === 'signed-out') {
    items.push({ kind: 'item', label: 'Sign in…', enabled: true, action: { type: 'show' } });
  } else {
    items.push({ kind: 'item', label: 'Sign out', enabled: true, action: { type: 'sign-out' } });
  }
  items.push({ kind: 'separator' });
  items.push({ kind: 'item', label: 'Quit', enabled: true, action: { type: 'quit' } });
  return items;
}

export interface TrayIconSpec {
  /** RGB of the disc behind the count. */
  color: readonly [number, number, number];
  /** Text drawn in the icon: the count, '!' for trouble without calls, '' otherwise. */
  text: string;
  /** Signed out draws a hollow ring, so it reads as "off" even without colour. */
  hollow: boolean;
}

export function trayIcon(state: TrayState): TrayIconSpec {
  switch (state.kind) {
    case 'signed-out':
      return { color: [128, 128, 128], text: '', hollow: true };
    case 'idle':
      return { color: [46, 139, 87], text: '', hollow: false };
    case 'held':
      return { color: [230, 126, 34], text: state.badge, hollow: false };
    case 'trouble':
      return { color: [192, 57, 43], text: state.badge || '!', hollow: false };
  }
}
