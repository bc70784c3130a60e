import { CATALOGUE } from '../../electron/core/catalogue';
import { expect, simCall, test } from './fixtures';

test('Resume button resumes that call: the row goes and the gateway has the agent talking', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  const target = preview.app.heldCalls()[1]!;
  await panel.row(target.callid).getByRole('button', { name: 'Resume' }).click();
  await expect(panel.row(target.callid)).toHaveCount(0);
  expect(simCall(preview, target.callid)?.state).toBe('talking');
  await expect(panel.rows).toHaveCount(2);
  await expect(panel.errorBanner).toHaveCount(0);
});

test('keyboard only: arrows select, Enter resumes the selected row', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  const calls = preview.app.heldCalls();
  await panel.page.keyboard.press('ArrowDown'); // selects row 1 (the top one starts selected)
  await panel.page.keyboard.press('ArrowDown');
  await panel.page.keyboard.press('ArrowUp');
  await expect(panel.rows.nth(1)).toHaveClass(/selected/);
  await expect(panel.rows.nth(1).getByRole('button', { name: 'Resume' })).toBeFocused();
  await panel.page.keyboard.press('Enter');
  await expect(panel.row(calls[1]!.callid)).toHaveCount(0);
  expect(simCall(preview, calls[1]!.callid)?.state).toBe('talking');
});

test('Enter with nothing focused resumes the top call', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  const top = preview.app.heldCalls()[0]!;
  await panel.page.keyboard.press('Enter');
  await expect(panel.row(top.callid)).toHaveCount(0);
  expect(simCall(preview, top.callid)?.state).toBe('talking');
});

test('the hotkey path (resumeTop trigger) resumes the top call and the panel follows', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  const top = preview.app.heldCalls()[0]!;
  // page.request shares the page's cookies, so it holds the preview's access cookie.
  const reply = await panel.page.request.post(`${preview.origin}/_test/trigger`, { data: { action: 'resumeTop' } });
  expect(reply.ok()).toBe(true);
  expect((await reply.json()).result).toMatchObject({ ok: true, action: 'resume', callid: top.callid });
  await expect(panel.row(top.callid)).toHaveCount(0);
  expect(simCall(preview, top.callid)?.state).toBe('talking');
  await expect(panel.rows).toHaveCount(2);
});

test('Connect explains itself, asks first, and joins the current call with the held one', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  const current = preview.sim.script.talk(preview.agentId, { caller: '07700900555', called: '4001' });
  const target = preview.app.heldCalls()[2]!;
  const connect = panel.row(target.callid).getByRole('button', { name: 'Connect', exact: true });
  await expect(connect).toHaveAccessibleDescription(/Joins your current call with this held call; you leave the call/);

  // Cancel first: nothing happens on the gateway.
  await connect.click();
  const confirm = panel.row(target.callid).getByRole('group', { name: 'Confirm connect' });
  await expect(confirm).toContainText('You leave the call');
  await expect(confirm.getByRole('button', { name: 'Connect calls' })).toBeFocused();
  await panel.page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  expect(simCall(preview, target.callid)?.state).toBe('held');

  // Then by keyboard: select the row, C asks, Enter confirms.
  await panel.page.keyboard.press('ArrowDown');
  await panel.page.keyboard.press('ArrowDown');
  await panel.page.keyboard.press('c');
  await expect(confirm).toBeVisible();
  await panel.page.keyboard.press('Enter');
  await expect(panel.row(target.callid)).toHaveCount(0);
  // Joined and gone from the agent's phone: the agent dropped out of both calls.
  expect(simCall(preview, target.callid)).toBeUndefined();
  expect(simCall(preview, current)).toBeUndefined();
  await expect(panel.rows).toHaveCount(2);
});

test('a gateway refusal is shown in the catalogue\'s words and the call stays held', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  const top = preview.app.heldCalls()[0]!;
  preview.sim.faults.add({ match: { path: 'gethold' }, kind: 'retcode', retcode: '200-016' });
  await panel.rows.first().getByRole('button', { name: 'Resume' }).click();
  const expected = CATALOGUE['200-016']!.message;
  await expect(panel.errorBanner).toContainText(expected);
  await expect(panel.page.locator('[aria-live="assertive"]')).toHaveText(expected);
  await expect(panel.row(top.callid)).toBeVisible();
  expect(simCall(preview, top.callid)?.state).toBe('held');
});

test('R refreshes the list from the gateway', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  const before = preview.sim.stats.count({ path: 'holdlist' });
  await panel.page.keyboard.press('r');
  await expect(panel.status).toContainText('Refreshed. 3 calls on hold.');
  expect(preview.sim.stats.count({ path: 'holdlist' })).toBeGreaterThan(before);
});
