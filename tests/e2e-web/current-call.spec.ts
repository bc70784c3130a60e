// The softphone part of the panel (issue 8): the current call above the held ones, swap from a
// held row, End asking first, announcements of threshold crossings and of a customer hanging up
// on hold. The real renderer in Chromium, through the preview, against the simulator over HTTPS.
import type { Page } from '@playwright/test';
import { en, expect, simCall, stagingClock, test } from './fixtures';

const TALKING = { callid: 'talk-1', caller: '40038', called: '2125550147', callskill: 'Sales', callfeature: 7, state: 'talking' as const };
const HELD = { callid: 'held-1', caller: '07700900123', called: '4001', callskill: 'Billing', callfeature: 0 };

/** Every text the assertive live region has shown since this was called. */
async function recordAlerts(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const region = document.querySelector('footer [aria-live="assertive"]')!;
    const seen: string[] = [];
    (globalThis as unknown as { __alerts: string[] }).__alerts = seen;
    new MutationObserver(() => {
      const text = region.textContent ?? '';
      if (text) seen.push(text);
    }).observe(region, { childList: true, subtree: true, characterData: true });
  });
  return () => page.evaluate(() => [...(globalThis as unknown as { __alerts: string[] }).__alerts]);
}

test.describe('with a call in progress', () => {
  test.use({ previewOptions: { seed: [HELD, TALKING] } });

  test('the current call sits on top, unlike the held rows: the other party, its type, a running talk timer', async ({ panel }) => {
    const current = panel.page.getByRole('region', { name: en.text('ui.current.label', { who: '2125550147' }) });
    await expect(current).toBeVisible();
    await expect(current.locator('.customer')).toHaveText('2125550147');
    await expect(current.locator('.on-call')).toHaveText(en.text('ui.current.on-call'));
    // Outbound: the other party is the called number; the line below names the caller.
    await expect(current.locator('.line2')).toContainText(en.text('ui.call.from', { number: '40038' }));
    await expect(current.locator('.line2')).toContainText(en.text('callfeature.7'));
    await expect(current.getByRole('button', { name: en.text('ui.current.hold') })).toBeVisible();
    await expect(current.getByRole('button', { name: en.text('ui.current.end') })).toBeVisible();
    // Above the held list, and not one of its rows.
    const order = await panel.page.evaluate(() => {
      const c = document.querySelector('section.current-call')!;
      const list = document.querySelector('section.held')!;
      return c.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    expect(order).toBeTruthy();
    await expect(panel.rows).toHaveCount(1);
    const timer = current.locator('.talk-timer .time');
    await expect(timer).toHaveText(/^\d+:\d\d$/);
    const first = await timer.textContent();
    await expect(timer).not.toHaveText(first!, { timeout: 3_000 });
    // The held row's main number is its other party; it was held before the panel first saw it.
    await expect(panel.row('held-1').locator('.caller')).toHaveText('07700900123');
    await expect(panel.row('held-1').locator('.timer .at-least')).toHaveText('≥');
    await expect(panel.row('held-1').locator('.timer')).toHaveAccessibleName(/^On hold at least \d+:\d\d$/);
  });

  test('Resume on a held row holds the current call first, then resumes: both rows update', async ({ panel, preview }) => {
    const said = await panel.recordAnnouncements();
    await expect(panel.page.locator('section.current-call .customer')).toHaveText('2125550147');
    const resume = panel.row('held-1').getByRole('button', { name: en.text('ui.row.resume') });
    preview.sim.stats.reset();
    await resume.click();
    await expect(panel.page.locator('section.current-call .customer')).toHaveText('07700900123');
    await expect(panel.row('talk-1')).toHaveCount(1);
    await expect(panel.row('held-1')).toHaveCount(0);
    await expect(panel.row('talk-1').locator('.caller')).toHaveText('2125550147');
    expect(simCall(preview, 'held-1')?.state).toBe('talking');
    expect(simCall(preview, 'talk-1')?.state).toBe('held');
    const order = preview.sim.stats.requests().filter((r) => r.path.startsWith('voicecall/')).map((r) => r.path.split('/')[2]);
    expect(order).toEqual(['hold', 'gethold']);
    await expect.poll(said).toContain(en.text('result.swapped', { current: '2125550147', who: '07700900123' }));
    await expect(panel.errorBanner).toHaveCount(0);
  });

  test('End asks first, with Cancel focused; only the confirmation hangs up', async ({ panel, preview }) => {
    const current = panel.page.locator('section.current-call');
    await expect(current.locator('.customer')).toHaveText('2125550147');
    const end = current.getByRole('button', { name: en.text('ui.current.end'), exact: true });
    await end.click();
    const confirm = current.getByRole('group', { name: en.text('ui.current.end-confirm.label', { who: '2125550147' }) });
    await expect(confirm).toContainText(en.text('ui.current.end-confirm.text', { who: '2125550147' }));
    await expect(confirm.getByRole('button', { name: en.text('ui.confirm.cancel') })).toBeFocused();
    // A stray Enter cancels; so does Escape. Nothing reaches the gateway.
    await panel.page.keyboard.press('Enter');
    await expect(confirm).toHaveCount(0);
    await expect(end).toBeFocused();
    await end.click();
    await panel.page.keyboard.press('Escape');
    await expect(confirm).toHaveCount(0);
    expect(preview.sim.stats.count({ path: 'release' })).toBe(0);
    expect(simCall(preview, 'talk-1')?.state).toBe('talking');
    // Confirmed: released, and the current call is gone.
    await end.click();
    await confirm.getByRole('button', { name: en.text('ui.current.end-confirm.end') }).click();
    await expect(current).toHaveCount(0);
    expect(preview.sim.stats.count({ path: 'release' })).toBe(1);
    expect(simCall(preview, 'talk-1')).toBeUndefined();
    await expect(panel.rows).toHaveCount(1);
  });

  test('Hold moves the current call into the held list, said as the agent’s own hold, not as a new call', async ({ panel, preview }) => {
    const current = panel.page.locator('section.current-call');
    await expect(current).toHaveCount(1);
    const said = await panel.recordAnnouncements();
    await current.getByRole('button', { name: en.text('ui.current.hold') }).click();
    await expect(current).toHaveCount(0);
    await expect(panel.rows).toHaveCount(2);
    await expect(panel.row('talk-1').locator('.caller')).toHaveText('2125550147');
    // Seen going on hold: an exact hold time, no "≥".
    await expect(panel.row('talk-1').locator('.timer .at-least')).toHaveCount(0);
    expect(simCall(preview, 'talk-1')?.state).toBe('held');
    await expect.poll(said).toContain(en.text('result.held', { who: '2125550147' }));
    await expect.poll(said).toContain(en.text('ui.announce.count', { count: 2 }));
    expect((await said()).join(' ')).not.toContain(en.text('ui.announce.new-call', { who: '2125550147', count: '' }).trim());
  });

  test('a customer hanging up while on hold is announced with the number', async ({ panel, preview }) => {
    await expect(panel.rows).toHaveCount(1);
    const said = await panel.recordAnnouncements();
    preview.sim.script.customerHangsUp(preview.agentId, 'held-1');
    await expect(panel.rows).toHaveCount(0);
    await expect.poll(said).toContain(en.text('ui.announce.hung-up-on-hold', { who: '07700900123' }));
  });
});

const staging = stagingClock();

test.describe('escalation', () => {
  test.use({
    previewOptions: {
      seed: [{ callid: 'w', caller: '07700900123', called: '4001' }],
      clientOptions: { clock: staging.clock },
      settings: { warnAfterSec: 60, alertAfterSec: 180 },
    },
  });
  test.beforeAll(() => staging.setAgo(58_500)); // the seeded call, seen at sign-in, 1.5 s before the warning

  test('crossing warn is said politely and alert assertively, once per call per stage', async ({ panel, preview }) => {
    const said = await panel.recordAnnouncements();
    const alerts = await recordAlerts(panel.page);
    await expect(panel.rows).toHaveCount(1);
    const warn = en.text('ui.announce.warn', { who: '07700900123', duration: en.text('ui.duration.minutes', { minutes: 1 }) });
    await expect.poll(said, { timeout: 8_000 }).toContain(warn);
    await expect(panel.row('w')).toHaveAttribute('data-level', 'warn');
    // A call first seen past the alert: one assertive announcement, not a warning first.
    staging.setAgo(181_000);
    preview.sim.script.holdNew(preview.agentId, { callid: 'a', caller: '+442079460958', called: '4002' });
    await expect(panel.row('a')).toHaveCount(1);
    staging.setAgo(0);
    const alert = en.text('ui.announce.alert', { who: '+442079460958', duration: en.text('ui.duration.minutes', { minutes: 3 }) });
    await expect.poll(alerts, { timeout: 8_000 }).toContain(alert);
    await panel.page.waitForTimeout(2_500);
    expect((await said()).filter((t) => t === warn)).toHaveLength(1);
    expect((await alerts()).filter((t) => t === alert)).toHaveLength(1);
    expect((await said()).some((t) => t.startsWith('+442079460958 has been on hold'))).toBe(false);
  });
});

const staging2 = stagingClock();

test.describe('the optional sound cue', () => {
  test.use({
    previewOptions: {
      seed: [{ callid: 's', caller: '07700900123', called: '4001' }],
      clientOptions: { clock: staging2.clock },
      settings: { warnAfterSec: 60, alertAfterSec: 180, soundCue: true },
    },
  });
  test.beforeAll(() => staging2.setAgo(59_000));

  test('plays a short tone at a crossing when switched on', async ({ panel }) => {
    // Count the tones the page starts, without touching the app's code.
    await panel.page.addInitScript(() => {
      const original = AudioContext.prototype.createOscillator;
      (globalThis as unknown as { __tones: number }).__tones = 0;
      AudioContext.prototype.createOscillator = function (this: AudioContext) {
        (globalThis as unknown as { __tones: number }).__tones += 1;
        return original.call(this);
      };
    });
    await panel.page.reload();
    await expect(panel.rows).toHaveCount(1);
    await expect.poll(() => panel.page.evaluate(() => (globalThis as unknown as { __tones: number }).__tones), { timeout: 8_000 }).toBe(1);
  });
});
