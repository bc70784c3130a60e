import { describe, expect, it } from 'vitest';
import { createAlertNotifier } from '../../electron/app/alert-notifier';
import { trayMenu, trayState } from '../../electron/app/tray-state';
import { EscalationTracker } from '../../shared/escalation';
import { english, type Message } from '../../shared/i18n';
import type { SessionView } from '../../shared/ipc-contract';
import type { CurrentCall, HeldCall } from '../../shared/model';

const NOW = 1_700_000_000_000;
const held = (callid: string, customer: string, heldForSec: number, exact = true): HeldCall => ({
  callid,
  caller: customer,
  called: '4001',
  callskill: '',
  callfeature: 0,
  callfeatureLabel: 'Inbound',
  heldSince: NOW - heldForSec * 1000,
  heldSinceExact: exact,
  customer,
  direction: 'inbound',
});

describe('escalation: once per call per stage (issue 8, item 6)', () => {
  it('reports warn then alert as they are crossed, each once, and forgets calls that left', () => {
    const tracker = new EscalationTracker();
    const calls = [held('a', '0770', 59)];
    expect(tracker.check(calls, NOW, 60, 180)).toEqual([]);
    expect(tracker.check(calls, NOW + 1_000, 60, 180)).toEqual([{ callid: 'a', customer: '0770', stage: 'warn', heldMs: 60_000, lowerBound: false }]);
    expect(tracker.check(calls, NOW + 2_000, 60, 180)).toEqual([]);
    expect(tracker.check(calls, NOW + 121_000, 60, 180).map((c) => c.stage)).toEqual(['alert']);
    expect(tracker.check(calls, NOW + 500_000, 60, 180)).toEqual([]);
    // Resumed, then held again: a new hold, announced afresh.
    expect(tracker.check([], NOW + 501_000, 60, 180)).toEqual([]);
    expect(tracker.check([held('a', '0770', 0)], NOW + 61_000, 60, 180).map((c) => c.stage)).toEqual(['warn']);
  });

  it('a call first seen past both thresholds is reported once, as an alert, with its lower bound', () => {
    const tracker = new EscalationTracker();
    expect(tracker.check([held('b', '0161', 400, false)], NOW, 60, 180)).toEqual([{ callid: 'b', customer: '0161', stage: 'alert', heldMs: 400_000, lowerBound: true }]);
    expect(tracker.check([held('b', '0161', 401, false)], NOW + 1_000, 60, 180)).toEqual([]);
  });

  it('main notifies once at alert, only while the panel is hidden', () => {
    const said: Message[] = [];
    let visible = true;
    let now = NOW;
    let calls = [held('a', '07700900123', 170, false)];
    const notifier = createAlertNotifier({
      calls: () => calls,
      thresholds: () => ({ warnAfterSec: 60, alertAfterSec: 180 }),
      signedIn: () => true,
      panelVisible: () => visible,
      notify: (m) => said.push(m),
      now: () => now,
    });
    notifier.tick();
    visible = false;
    now += 10_000;
    notifier.tick();
    notifier.tick();
    expect(said.map((m) => english.t(m))).toEqual(['07700900123 has been on hold for ≥ 3:00.']);
    // A crossing while the panel is shown is the panel's to announce; hiding it later raises nothing.
    calls = [...calls, held('c', '0161', 179)];
    visible = true;
    now += 1_000;
    notifier.tick();
    visible = false;
    notifier.tick();
    expect(said).toHaveLength(1);
  });
});

describe('tray: talking and held (issue 8, item 3)', () => {
  const session: SessionView = { status: 'signed-in', since: NOW, configured: true, passwordRemembered: false, canRememberPassword: true, demo: false };
  const current: CurrentCall = {
    callid: 't',
    caller: '40038',
    called: '2125550147',
    callskill: '',
    callfeature: 7,
    callfeatureLabel: 'Outbound',
    customer: '2125550147',
    direction: 'outbound',
    talkingSince: NOW - 83_000,
  };
  it('says who the agent is talking to, beside the held calls, with "≥" for a lower bound', () => {
    expect(trayState({ session, calls: [], current, freshness: 'fresh', now: NOW, t: english })).toEqual({ kind: 'talking', count: 0, badge: '', tooltip: 'On a call with 2125550147 (1:23)\nnone on hold' });
    expect(trayState({ session, calls: [held('h', '0770', 130, false)], current, freshness: 'fresh', now: NOW, t: english })).toEqual({
      kind: 'held',
      count: 1,
      badge: '1',
      tooltip: 'On a call with 2125550147 (1:23)\n1 on hold, ≥ 2:10',
    });
  });
  it('offers Hold for the current call and names held calls by the other party', () => {
    const outbound = { ...held('h', '2125550199', 30), caller: '40038', called: '2125550199', direction: 'outbound' as const };
    const items = trayMenu({ session, calls: [outbound], current, freshness: 'fresh', now: NOW, t: english }).filter((i) => i.kind === 'item');
    expect(items[0]).toMatchObject({ label: 'Hold my call with 2125550147', action: { type: 'command', command: { type: 'hold' } } });
    expect(items[1]).toMatchObject({ label: 'Resume top call: 2125550199' });
    expect(items[2]).toMatchObject({ label: 'Resume 2125550199 (0:30)' });
  });
});
