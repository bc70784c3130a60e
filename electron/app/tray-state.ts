// What the tray shows, as a pure function of the session, the held calls and recent failures.
// The Electron glue (electron/main/tray.ts) only paints this; every wording decision is here.
import type { Command } from '../../shared/commands';
import type { SessionView } from '../../shared/ipc-contract';
import type { HeldCall, ListFreshness } from '../../shared/model';
import { resignInText, statusText } from '../../shared/status-text';
import type { HotkeyRegistration } from '../../shared/settings';
import { formatAccelerator } from '../../shared/accelerator';
import { formatHoldTime } from '../../shared/format';
import { msg, type Message, type Translator } from '../../shared/i18n';

export type TrayKind = 'signed-out' | 'idle' | 'held' | 'trouble';

export interface TrayState {
  kind: TrayKind;
  count: number;
  tooltip: string;
  /** Short text for the icon or the macOS menu-bar title: '' when nothing is held. */
  badge: string;
}

export interface ActionFailure {
  message: Message;
  /** Epoch ms. */
  at: number;
}

export interface TrayInput {
  session: SessionView;
  calls: HeldCall[];
  now: number;
  hotkeys?: HotkeyRegistration[];
  lastFailure?: ActionFailure;
  platform?: string;
  /** The agent's language. */
  t: Translator;
  /** How far `calls` can be trusted: a count from a list that is not fresh is shown as trouble. */
  freshness: ListFreshness;
  /** Epoch ms of the last successful read of the held list. */
  readAt?: number;
}

/** A failed hotkey action stays in the tooltip this long, then the tray calms down again. */
export const FAILURE_VISIBLE_MS = 60_000;


/** A number as the gateway gave it (grouping conventions differ by country; never guessed). */
export function numberOf(number: string): string | Message {
  return number.trim() || msg('tray.unknown-number');
}

function hotkeyTrouble(hotkeys: HotkeyRegistration[], platform: string | undefined): Message | undefined {
  const failed = hotkeys.find((h) => h.status === 'taken' || h.status === 'invalid');
  if (!failed) return undefined;
  return msg(failed.status === 'taken' ? 'hotkey.taken' : 'hotkey.invalid', { key: formatAccelerator(failed.accelerator, platform) });
}

export function badgeFor(count: number): string {
  if (count <= 0) return '';
  return count > 9 ? '9+' : String(count);
}

export function trayState(input: TrayInput): TrayState {
  const { session, calls, now, t } = input;
  const count = session.status === 'signed-out' ? 0 : calls.length;
  const badge = badgeFor(count);
  if (session.status === 'signed-out') {
    const state = msg(session.configured ? 'tray.signed-out' : 'tray.signed-out-unconfigured');
    const tooltip = session.reason ? msg('tray.signed-out-because', { state, reason: session.reason }) : state;
    return { kind: 'signed-out', count, tooltip: t.t(tooltip), badge };
  }

  const longest = formatHoldTime(calls.reduce((max, call) => Math.max(max, now - call.heldSince), 0));
  const freshness = input.freshness;
  let main: Message | undefined;
  if (session.status === 'signing-in') main = msg('tray.signing-in');
  else if (count === 0) main = freshness === 'fresh' ? msg('tray.none-held') : undefined;
  else main = msg('tray.held', { count, longest });

  const troubles: Message[] = [];
  if (session.status === 'reconnecting') {
    troubles.push(resignInText(session, now) ?? (session.reason ? msg('tray.reconnecting-because', { reason: session.reason }) : msg('tray.reconnecting')));
  }
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
    return { kind: 'trouble', count, tooltip: lines.map((line) => t.t(line)).join('\n'), badge };
  }
  return { kind: count > 0 ? 'held' : 'idle', count, tooltip: t.t(main ?? msg('tray.none-held')), badge };
}

/** A menu line runs an agent command (through the one command path) or a tray-only action. */
export type TrayAction = { type: 'command'; command: Command } | { type: 'show' } | { type: 'settings' } | { type: 'sign-out' } | { type: 'quit' };

export type TrayMenuItem = { kind: 'item'; label: string; enabled: boolean; action: TrayAction } | { kind: 'separator' };

/** How many held calls get their own menu line; the panel shows the rest. */
export const MENU_CALL_LIMIT = 8;

export function trayMenu(input: TrayInput): TrayMenuItem[] {
  const { session, calls, now, t } = input;
  const signedIn = session.status === 'signed-in' || session.status === 'reconnecting';
  const items: TrayMenuItem[] = [];
  const item = (label: Message, action: TrayAction, enabled = true): TrayMenuItem => ({ kind: 'item', label: t.t(label), enabled, action });
  const top = signedIn ? calls[0] : undefined;
  items.push(
    item(top ? msg('tray.menu.resume-top', { who: numberOf(top.caller) }) : msg('tray.menu.resume-top-none'), { type: 'command', command: { type: 'resume-position', position: 1 } }, top !== undefined),
  );
  if (signedIn && calls.length > 0) {
    items.push({ kind: 'separator' });
    for (const call of calls.slice(0, MENU_CALL_LIMIT)) {
      items.push(item(msg('tray.menu.resume', { who: numberOf(call.caller), held: formatHoldTime(now - call.heldSince) }), { type: 'command', command: { type: 'resume', callid: call.callid } }));
    }
    if (calls.length > MENU_CALL_LIMIT) items.push(item(msg('tray.menu.more', { count: calls.length - MENU_CALL_LIMIT }), { type: 'show' }));
  }
  items.push({ kind: 'separator' });
  items.push(item(msg('tray.menu.show'), { type: 'show' }));
  items.push(item(msg('tray.menu.refresh'), { type: 'command', command: { type: 'refresh' } }, signedIn));
  items.push(item(msg('tray.menu.settings'), { type: 'settings' }));
  items.push(session.status === 'signed-out' ? item(msg('tray.menu.sign-in'), { type: 'show' }) : item(msg('tray.menu.sign-out'), { type: 'sign-out' }));
  items.push({ kind: 'separator' });
  items.push(item(msg('tray.menu.quit'), { type: 'quit' }));
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
