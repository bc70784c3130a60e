import { PREVIEW_SEED } from '../../electron/preview/server';
import { expect, test } from './fixtures';

test('held calls are listed top first with their details and a running timer', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  const calls = preview.app.heldCalls();
  // The panel shows the service's order (longest wait first), not its own.
  expect(await panel.callers()).toEqual(calls.map((c) => c.caller));
  expect(new Set(await panel.callers())).toEqual(new Set(PREVIEW_SEED.map((c) => c.caller)));

  const top = panel.rows.first();
  await expect(top.locator('.line2')).toContainText(`to ${calls[0]!.called}`);
  await expect(top.locator('.line2')).toContainText(calls[0]!.callskill);
  await expect(top.locator('.line2')).toContainText(calls[0]!.callfeatureLabel);
  // Only the top row is marked as the hotkey's target, showing the configured hotkey.
  await expect(top.locator('.next-note')).toHaveText(/Next to resume: Ctrl\+Alt\+R/);
  await expect(panel.rows.nth(1).locator('.next-note')).toHaveCount(0);

  const timer = top.locator('.timer .time');
  await expect(timer).toHaveText(/^\d+:\d\d$/);
  const first = await timer.textContent();
  await expect(timer).not.toHaveText(first!, { timeout: 3_000 });
});

test('a new hold appears, a hang-up disappears, and the change is announced', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  const callid = preview.sim.script.holdNew(preview.agentId, { caller: '02079460999', called: '4009', callskill: 'Retention' });
  await expect(panel.row(callid)).toBeVisible();
  await expect(panel.status).toContainText('New call on hold from 02079460999');
  preview.sim.script.customerHangsUp(preview.agentId, callid);
  await expect(panel.row(callid)).toHaveCount(0);
  await expect(panel.rows).toHaveCount(3);
});

test.describe('with nothing held', () => {
  test.use({ previewOptions: { seed: [] } });
  test('shows the empty state', async ({ panel }) => {
    await expect(panel.page.getByText('No calls on hold')).toBeVisible();
    await expect(panel.session).toContainText('Signed in');
    await expect(panel.session).toContainText('Agent 1001');
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
