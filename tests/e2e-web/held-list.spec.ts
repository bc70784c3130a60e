import { PREVIEW_SEED } from '../../electron/preview/server';
import { callFeatureMessage } from '../../shared/model';
import { en, expect, test } from './fixtures';

test('held calls are listed top first with their details and a running timer', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  const calls = preview.app.listCalls().calls;
  // The panel shows the service's order (longest wait first), not its own, and each row's main
  // number is the other party: the called number of the outbound call, the caller of the others.
  expect(await panel.callers()).toEqual(calls.map((c) => c.customer));
  expect(new Set(await panel.callers())).toEqual(new Set(PREVIEW_SEED.map((c) => (c.callfeature === 7 ? c.called : c.caller))));

  const top = panel.rows.first();
  // The other number beside the other party's: "to 4001" for an inbound call.
  await expect(top.locator('.line2')).toContainText(en.text('ui.call.to', { number: calls[0]!.called }));
  await expect(top.locator('.line2 .numbers')).toHaveAttribute('title', en.text('ui.call.numbers.title', { caller: calls[0]!.caller, called: calls[0]!.called }));
  await expect(top.locator('.line2')).toContainText(calls[0]!.callskill);
  await expect(top.locator('.line2')).toContainText(en.t(callFeatureMessage(calls[0]!.callfeature)));
  // Only the top row is marked as the hotkey's target, showing the configured hotkey.
  await expect(top.locator('.next-note')).toHaveText(en.text('ui.row.next-key', { key: 'Ctrl+Alt+R' }));
  await expect(top.locator('.next-note kbd')).toHaveText('Ctrl+Alt+R');
  await expect(panel.rows.nth(1).locator('.next-note')).toHaveCount(0);

  const timer = top.locator('.timer .time');
  await expect(timer).toHaveText(/^\d+:\d\d$/);
  const first = await timer.textContent();
  await expect(timer).not.toHaveText(first!, { timeout: 3_000 });
});

test('a new hold appears, a hang-up disappears, and the change is announced', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  // Put on hold elsewhere (a colleague's transfer, the workbench): a call the panel never saw.
  const callid = preview.sim.script.addHeld(preview.agentId, { caller: '02079460999', called: '4009', callskill: 'Retention' });
  await expect(panel.row(callid)).toBeVisible();
  await expect(panel.status).toContainText(en.text('ui.announce.new-call', { who: '02079460999', count: '' }).trim());
  preview.sim.script.customerHangsUp(preview.agentId, callid);
  await expect(panel.row(callid)).toHaveCount(0);
  await expect(panel.rows).toHaveCount(3);
});

test('a call held while the list cannot be read is still announced, without a number, once', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  const said = await panel.recordAnnouncements();
  preview.sim.faults.add({ match: { path: 'holdlist' }, kind: 'http-error', status: 503, times: Infinity });
  const callid = preview.sim.script.addHeld(preview.agentId, { caller: '02079460888', called: '4009', callskill: 'Retention' });
  await expect(panel.row(callid)).toBeVisible();
  const expected = en.text('ui.announce.new-call', { who: en.text('tray.unknown-number'), count: '' }).trim();
  await expect.poll(said, { timeout: 6_000 }).toContainEqual(expect.stringContaining(expected));
  expect((await said()).filter((text) => text.includes(expected))).toHaveLength(1);
});

test.describe('with nothing held', () => {
  test.use({ previewOptions: { seed: [] } });
  test('shows the empty state', async ({ panel }) => {
    await expect(panel.page.getByText(en.text('ui.list.empty'), { exact: true })).toBeVisible();
    await expect(panel.session).toContainText(en.text('ui.session.signed-in'));
    await expect(panel.session).toContainText(en.text('ui.session.agent', { agent: '1001' }));
  });
});

test('a caller string with markup is shown as text, never as HTML', async ({ panel, preview }) => {
  const nasty = '<img src=x onerror=alert(1)>';
  let dialogs = 0;
  panel.page.on('dialog', (d) => {
    dialogs += 1;
    void d.dismiss();
  });
  const callid = preview.sim.script.holdNew(preview.agentId, { caller: nasty, called: '4001', callskill: '<b>Sales</b>' });
  const row = panel.row(callid);
  await expect(row.locator('.caller')).toHaveText(nasty);
  await expect(row.locator('.line2')).toContainText('<b>Sales</b>');
  await expect(panel.page.locator('img')).toHaveCount(0);
  await expect(panel.page.locator('.row b')).toHaveCount(0);
  expect(dialogs).toBe(0);
});

const NINE = Array.from({ length: 9 }, (_, i) => ({ caller: `0770090${String(i).padStart(4, '0')}`, called: '4001', callskill: 'Billing', callfeature: 0 }));

/** Rows wholly inside the scrolling list area, as the agent sees it without scrolling. */
async function fullyVisibleRows(page: import('@playwright/test').Page): Promise<number> {
  return page.evaluate(() => {
    const area = document.querySelector('main.content')!.getBoundingClientRect();
    return [...document.querySelectorAll('li.row')].filter((row) => {
      const box = row.getBoundingClientRect();
      return box.top >= area.top - 0.5 && box.bottom <= area.bottom + 0.5;
    }).length;
  });
}

/** Elements that stick out of the page sideways or whose own content is cut off. */
async function clipped(page: import('@playwright/test').Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > width) problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    for (const el of document.querySelectorAll<HTMLElement>('button, input, select, summary, .caller, .timer, kbd')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || el.closest('.sr-only')) continue;
      if (box.left < -0.5 || box.right > width + 0.5) problems.push(`${el.tagName}.${el.className} "${el.textContent?.trim()}" at ${box.left}-${box.right}`);
      if (el.scrollWidth > el.clientWidth + 1 && el.tagName === 'BUTTON') problems.push(`${el.tagName} "${el.textContent?.trim()}" cut: ${el.scrollWidth} > ${el.clientWidth}`);
    }
    return problems;
  });
}

test.describe('nine calls on hold', () => {
  test.use({ previewOptions: { seed: NINE } });

  test('rows are compact: at least 6 calls visible in a 360×480 panel', async ({ panel }) => {
    await expect(panel.rows).toHaveCount(9);
    expect(panel.page.viewportSize()).toEqual({ width: 360, height: 480 });
    const visible = await fullyVisibleRows(panel.page);
    console.log(`rows fully visible in 360×480: ${visible} of 9`);
    expect(visible).toBeGreaterThanOrEqual(6);
    expect(await clipped(panel.page)).toEqual([]);
  });

  test.describe('at 200 % zoom (a 360×480 window is 180×240 CSS px at device scale 2)', () => {
    test.use({ viewport: { width: 180, height: 240 }, deviceScaleFactor: 2 });
    test('nothing is clipped, and the bottom row can be reached and resumed', async ({ panel, preview }) => {
      await expect(panel.rows).toHaveCount(9);
      expect(await clipped(panel.page)).toEqual([]);
      const last = panel.rows.last();
      const callid = (await last.getAttribute('data-callid'))!;
      await last.getByRole('button', { name: en.text('ui.row.resume') }).click();
      await expect(panel.row(callid)).toHaveCount(0);
      expect(preview.sim.script.calls(preview.agentId).find((c) => c.callid === callid)?.state).toBe('talking');
      preview.sim.script.customerHangsUp(preview.agentId, callid);
      await panel.page.keyboard.press('c');
      await expect(panel.page.locator('.row .confirm')).toBeVisible();
      expect(await clipped(panel.page)).toEqual([]);
      await panel.page.keyboard.press('Escape');
      await panel.page.keyboard.press(',');
      await expect(panel.page.getByRole('form', { name: en.text('ui.title.settings') })).toBeVisible();
      await panel.page.locator('details.connection > summary').click();
      expect(await clipped(panel.page)).toEqual([]);
    });
  });
});
