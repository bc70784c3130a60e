import { en, expect, simCall, test } from './fixtures';

test('Resume button resumes that call: the row goes, the gateway has the agent talking, focus moves to the next row', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  const calls = preview.app.listCalls().calls;
  const target = calls[1]!;
  const said = await panel.recordAnnouncements();
  await panel.row(target.callid).getByRole('button', { name: en.text('ui.row.resume') }).click();
  await expect(panel.row(target.callid)).toHaveCount(0);
  expect(simCall(preview, target.callid)?.state).toBe('talking');
  await expect(panel.rows).toHaveCount(2);
  await expect(panel.errorBanner).toHaveCount(0);
  // The row that took its place has focus, not <body>.
  await expect(panel.row(calls[2]!.callid).getByRole('button', { name: en.text('ui.row.resume') })).toBeFocused();
  // Reported once (by the reply or the push, whichever came first), and not overwritten unread:
  // the list count follows it rather than replacing it.
  const count = en.text('ui.announce.count', { count: 2 });
  await expect.poll(said).toContain(count);
  await expect.poll(async () => (await said()).filter((text) => text.startsWith('Resumed:'))).toHaveLength(1);
  await panel.page.waitForTimeout(1500); // a late duplicate would have shown by now
  expect((await said()).filter((text) => text.startsWith('Resumed:'))).toHaveLength(1);
});

test('keyboard only: arrows select, Enter resumes the selected row, focus stays in the list', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  const calls = preview.app.listCalls().calls;
  await panel.page.keyboard.press('ArrowDown'); // selects row 1 (the top one starts selected)
  await panel.page.keyboard.press('ArrowDown');
  await panel.page.keyboard.press('ArrowUp');
  await expect(panel.rows.nth(1)).toHaveClass(/selected/);
  const resume = en.text('ui.row.resume');
  await expect(panel.rows.nth(1).getByRole('button', { name: resume })).toBeFocused();
  await panel.page.keyboard.press('Enter');
  await expect(panel.row(calls[1]!.callid)).toHaveCount(0);
  expect(simCall(preview, calls[1]!.callid)?.state).toBe('talking');
  await expect(panel.row(calls[2]!.callid).getByRole('button', { name: resume })).toBeFocused();
  // The last row resumed: focus goes to the row above it; the last call: to the list itself.
  // (The caller resumed first hangs up, so the agent is free to resume the next.)
  preview.sim.script.customerHangsUp(preview.agentId, calls[1]!.callid);
  await panel.page.keyboard.press('Enter');
  await expect(panel.rows).toHaveCount(1);
  await expect(panel.row(calls[0]!.callid).getByRole('button', { name: resume })).toBeFocused();
  preview.sim.script.customerHangsUp(preview.agentId, calls[2]!.callid);
  await panel.page.keyboard.press('Enter');
  await expect(panel.rows).toHaveCount(0);
  await expect(panel.page.getByRole('region', { name: en.text('ui.list.label') })).toBeFocused();
});

test('Enter with nothing focused resumes the top call', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  const top = preview.app.listCalls().calls[0]!;
  await panel.page.keyboard.press('Enter');
  await expect(panel.row(top.callid)).toHaveCount(0);
  expect(simCall(preview, top.callid)?.state).toBe('talking');
});

test('the hotkey path (resumeTop trigger) resumes the top call and the panel reports it', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  const top = preview.app.listCalls().calls[0]!;
  // page.request shares the page's cookies, so it holds the preview's access cookie.
  const reply = await panel.page.request.post(`${preview.origin}/_test/trigger`, { data: { action: 'resumeTop' } });
  expect(reply.ok()).toBe(true);
  expect((await reply.json()).result).toMatchObject({ ok: true, action: 'resume', callid: top.callid });
  await expect(panel.row(top.callid)).toHaveCount(0);
  expect(simCall(preview, top.callid)?.state).toBe('talking');
  await expect(panel.rows).toHaveCount(2);
});

test('Connect explains itself, asks first with Cancel focused, and joins the current call with the held one', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  const current = preview.sim.script.talk(preview.agentId, { caller: '07700900555', called: '4001' });
  const target = preview.app.listCalls().calls[2]!;
  const connect = panel.row(target.callid).getByRole('button', { name: en.text('ui.row.connect'), exact: true });
  await expect(connect).toHaveAccessibleDescription(en.text('ui.row.connect-help'));

  // The confirmation names the held call, and Cancel has focus: a stray Enter cancels.
  await connect.click();
  const confirm = panel.row(target.callid).getByRole('group', { name: en.text('ui.confirm.label', { caller: target.caller }) });
  await expect(confirm).toContainText(en.text('ui.confirm.text', { caller: target.caller }));
  await expect(confirm.getByRole('button', { name: en.text('ui.confirm.cancel') })).toBeFocused();
  await panel.page.keyboard.press('Enter');
  await expect(confirm).toHaveCount(0);
  expect(simCall(preview, target.callid)?.state).toBe('held');
  await expect(connect).toBeFocused();

  // C then Enter (the defect: this used to transfer the call) only cancels, and Escape too.
  await panel.page.keyboard.press('c');
  await expect(confirm).toBeVisible();
  await panel.page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  expect(simCall(preview, target.callid)?.state).toBe('held');

  // Confirming is a deliberate step: C, Shift+Tab to "Connect calls", Enter.
  await panel.page.keyboard.press('c');
  await expect(confirm).toBeVisible();
  await panel.page.keyboard.press('Shift+Tab');
  await expect(confirm.getByRole('button', { name: en.text('ui.confirm.connect') })).toBeFocused();
  await panel.page.keyboard.press('Enter');
  await expect(panel.row(target.callid)).toHaveCount(0);
  // Joined and gone from the agent's phone: the agent dropped out of both calls.
  expect(simCall(preview, target.callid)).toBeUndefined();
  expect(simCall(preview, current)).toBeUndefined();
  await expect(panel.rows).toHaveCount(2);
  await expect(panel.rows.nth(1).getByRole('button', { name: en.text('ui.row.resume') })).toBeFocused();
});

test("a gateway refusal is shown in the catalogue's words, inside the main landmark, and the call stays held", async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  const top = preview.app.listCalls().calls[0]!;
  preview.sim.faults.add({ match: { path: 'gethold' }, kind: 'retcode', retcode: '200-016' });
  const resume = panel.rows.first().getByRole('button', { name: en.text('ui.row.resume') });
  await resume.click();
  const expected = en.text('gateway.200-016');
  await expect(panel.errorBanner).toContainText(expected);
  await expect(panel.page.getByRole('main').locator('.error-banner')).toHaveCount(1);
  await expect(panel.page.locator('[aria-live="assertive"]')).toHaveText(expected);
  await expect(panel.row(top.callid)).toBeVisible();
  expect(simCall(preview, top.callid)?.state).toBe('held');
  // The refused row keeps focus, so the agent can try again or move on.
  await expect(resume).toBeFocused();
  // Dismissing the banner does not drop focus to <body>.
  await panel.errorBanner.getByRole('button', { name: en.text('ui.dismiss') }).click();
  await expect(panel.errorBanner).toHaveCount(0);
  expect(await panel.page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
});

test('R refreshes the list from the gateway', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  const before = preview.sim.stats.count({ path: 'holdlist' });
  await panel.page.keyboard.press('r');
  await expect(panel.status).toContainText(en.text('ui.announce.refreshed', { count: { id: 'ui.announce.count', params: { count: 3 } } }));
  expect(preview.sim.stats.count({ path: 'holdlist' })).toBeGreaterThan(before);
});
