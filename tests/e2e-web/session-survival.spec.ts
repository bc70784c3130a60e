// Issue 7 in the panel (Chromium, the real handlers, the simulator over HTTPS): a held list that
// is not known to be current says so and never says "No calls on hold"; signing in again by
// itself is visible with its attempt and countdown; sign-out with calls held asks first.
// Texts are the catalogue's (en), never copies of them.
import { en, expect, test, type Panel } from './fixtures';

const NO_CALLS = en.text('ui.list.empty');
/** A catalogue text as a whole-string pattern, with {{params}} matched by `params` patterns. */
function pattern(id: Parameters<typeof en.text>[0], params: Record<string, string>): RegExp {
  const slots = Object.fromEntries(Object.keys(params).map((k, i) => [k, `\uE000${i}\uE001`]));
  let source = en.text(id, slots).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  Object.values(params).forEach((value, i) => (source = source.replace(`\uE000${i}\uE001`, value)));
  return new RegExp(`^${source}$`);
}

const confirmGroup = (panel: Panel) => panel.session.getByRole('group', { name: en.text('ui.signout.label') });
/** The session line's "Sign out" (the confirmation's own "Sign out" button is another). */
const signOutLink = (panel: Panel) => panel.session.locator('.session-line').getByRole('button', { name: en.text('ui.session.sign-out') });

test('signing in again by itself: the attempt and countdown show, the last known calls stay, then all is current', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  preview.sim.script.forceSignOut(preview.agentId);
  const next = pattern('status.resigning-in-next', { attempt: '1', seconds: '\\d+' });
  const underWay = pattern('status.resigning-in', { attempt: '1' });
  await expect(panel.session.locator('.session-status')).toHaveText(new RegExp(`${next.source}|${underWay.source}`));
  await expect(panel.rows).toHaveCount(3);
  await expect(panel.page.locator('.list-note[data-freshness="stale"]')).toHaveText(pattern('status.list-stale', { age: '0:0\\d' }));
  await expect(panel.session.locator('.session-status')).toHaveText(en.text('ui.session.signed-in'), { timeout: 10_000 });
  await expect(panel.page.locator('.list-note')).toHaveCount(0);
  await expect(panel.rows).toHaveCount(3);
  expect(preview.sim.stats.count({ path: 'forcelogin' })).toBe(0);
});

test.describe('a first read that fails', () => {
  test.use({ previewOptions: { signIn: false, seed: [] } });
  test('shows that the list is not known rather than "No calls on hold", until it is read', async ({ panel, preview }) => {
    preview.sim.faults.add({ match: { path: 'holdlist' }, kind: 'http-error', status: 503, times: Infinity });
    const form = panel.page.getByRole('form', { name: en.text('ui.signin.title') });
    await form.getByLabel(en.text('ui.signin.password'), { exact: true }).fill('secret');
    await form.getByRole('button', { name: en.text('ui.signin.submit') }).click();
    await expect(panel.session).toContainText(en.text('ui.session.signed-in'));
    await expect(panel.page.locator('.list-note[data-freshness="unknown"]')).toHaveText(en.text('status.list-unknown'));
    await expect(panel.page.getByText(NO_CALLS)).toHaveCount(0);
    preview.sim.faults.clear();
    await panel.page.keyboard.press('r');
    await expect(panel.page.getByText(NO_CALLS, { exact: true })).toBeVisible();
    await expect(panel.page.locator('.list-note')).toHaveCount(0);
  });
});

test.describe('a read that fails later', () => {
  test.use({ previewOptions: { seed: [] } });
  test('an empty list that can no longer be read is stale: never "No calls on hold"', async ({ panel, preview }) => {
    await expect(panel.page.getByText(NO_CALLS, { exact: true })).toBeVisible();
    preview.sim.faults.add({ match: { path: 'holdlist' }, kind: 'http-error', status: 503, times: Infinity });
    await panel.page.keyboard.press('r');
    await expect(panel.errorBanner).toBeVisible();
    await expect(panel.page.locator('.list-note[data-freshness="stale"]')).toHaveText(pattern('status.list-stale-empty', { age: '0:0\\d' }));
    await expect(panel.page.locator('.empty-title')).toHaveCount(0);
    // The status line does not claim it either.
    await expect(panel.status).not.toHaveText(new RegExp(en.text('ui.announce.none')));
  });
});

test('sign-out with calls held asks first, Cancel by default; a refusal keeps the session and says why', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  const signOut = signOutLink(panel);
  await signOut.click();
  const confirm = confirmGroup(panel);
  await expect(confirm).toContainText(en.text('status.sign-out-held', { count: 3 }));
  await expect(confirm.getByRole('button', { name: en.text('ui.signout.cancel') })).toBeFocused();
  await expect(signOut).toHaveAttribute('aria-expanded', 'true');
  // Enter on the focused default does the safe thing, and focus goes back to "Sign out".
  await panel.page.keyboard.press('Enter');
  await expect(confirm).toHaveCount(0);
  await expect(signOut).toBeFocused();
  await signOut.click();
  // Escape cancels the question, and does not hide the panel.
  await panel.page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  expect(preview.sim.stats.count({ path: 'logout' })).toBe(0);
  await expect(panel.session).toContainText(en.text('ui.session.signed-in'));

  // The gateway refuses sign-out while calls are held (100-010): the panel says why, the session stays.
  preview.sim.faults.add({ match: { method: 'DELETE', path: 'logout' }, kind: 'retcode', retcode: '100-010' });
  await signOut.click();
  await confirm.getByRole('button', { name: en.text('ui.signout.confirm') }).click();
  await expect(panel.errorBanner).toContainText(en.text('gateway.100-010'));
  await expect(panel.session.locator('.session-status')).toHaveText(en.text('ui.session.signed-in'));
  await expect(panel.rows).toHaveCount(3);
  expect(preview.sim.stats.count({ path: 'logout' })).toBe(1);

  // Confirmed and accepted: signed out.
  await signOut.click();
  await confirm.getByRole('button', { name: en.text('ui.signout.confirm') }).click();
  await expect(panel.session.locator('.session-status')).toHaveText(en.text('ui.session.signed-out'));
  expect(preview.sim.stats.count({ path: 'logout' })).toBe(2);
});

test('the tray\'s "Sign out" with calls held asks in the panel (the show-view push main sends)', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  preview.app.showView('confirm-sign-out');
  const confirm = confirmGroup(panel);
  await expect(confirm.getByRole('button', { name: en.text('ui.signout.cancel') })).toBeFocused();
  await confirm.getByRole('button', { name: en.text('ui.signout.cancel') }).click();
  await expect(confirm).toHaveCount(0);
  expect(preview.sim.stats.count({ path: 'logout' })).toBe(0);
});

test.describe('with nothing held', () => {
  test.use({ previewOptions: { seed: [] } });
  test('sign-out does not ask', async ({ panel, preview }) => {
    await expect(panel.page.getByText(NO_CALLS, { exact: true })).toBeVisible();
    await signOutLink(panel).click();
    await expect(panel.session.locator('.session-status')).toHaveText(en.text('ui.session.signed-out'));
    expect(preview.sim.stats.count({ path: 'logout' })).toBe(1);
  });
});

test('settings: signing in again is on by default, and a remembered password is said to be bound to this gateway and agent', async ({ panel }) => {
  await expect(panel.rows).toHaveCount(3);
  await panel.page.keyboard.press(',');
  const form = panel.page.getByRole('form', { name: en.text('ui.title.settings') });
  await expect(form.getByLabel(en.text('setting.autoSignIn'))).toBeChecked();
  await expect(form.locator('.vault-bound')).toHaveCount(0);
  await panel.page.getByRole('button', { name: en.text('ui.back') }).click();
  await signOutLink(panel).click();
  await confirmGroup(panel).getByRole('button', { name: en.text('ui.signout.confirm') }).click();
  const signIn = panel.page.getByRole('form', { name: en.text('ui.signin.title') });
  await signIn.getByLabel(en.text('ui.signin.password'), { exact: true }).fill('secret');
  await signIn.getByLabel(en.text('ui.signin.remember')).check();
  await signIn.getByRole('button', { name: en.text('ui.signin.submit') }).click();
  await expect(panel.session).toContainText(en.text('ui.session.signed-in'));
  await panel.page.keyboard.press(',');
  await panel.page.locator('details.connection > summary').click();
  await expect(form.locator('.vault-bound')).toBeVisible();
  await expect(form.locator('.vault-bound')).toHaveText(en.text('status.vault-bound'));
});
