// Issue 7 in the panel (Chromium, the real handlers, the simulator over HTTPS): a held list that
// is not known to be current says so and never says "No calls on hold"; signing in again by
// itself is visible with its attempt and countdown; sign-out with calls held asks first.
import { expect, test } from './fixtures';

const NO_CALLS = 'No calls on hold';

test('signing in again by itself: the attempt and countdown show, the last known calls stay, then all is current', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  preview.sim.script.forceSignOut(preview.agentId);
  await expect(panel.session.locator('.session-status')).toHaveText(/^Reconnecting \(attempt 1(, next in \d s\)|\)…)$/);
  await expect(panel.rows).toHaveCount(3);
  await expect(panel.page.locator('.list-note[data-freshness="stale"]')).toHaveText(/^Last known list, read 0:0\d ago; it may be out of date\.$/);
  await expect(panel.session).toContainText('Signed in', { timeout: 10_000 });
  await expect(panel.page.locator('.list-note')).toHaveCount(0);
  await expect(panel.rows).toHaveCount(3);
  expect(preview.sim.stats.count({ path: 'forcelogin' })).toBe(0);
});

test.describe('a first read that fails', () => {
  test.use({ previewOptions: { signIn: false, seed: [] } });
  test('shows that the list is not known rather than "No calls on hold", until it is read', async ({ panel, preview }) => {
    preview.sim.faults.add({ match: { path: 'holdlist' }, kind: 'http-error', status: 503, times: Infinity });
    const form = panel.page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Password', { exact: true }).fill('secret');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect(panel.session).toContainText('Signed in');
    await expect(panel.page.locator('.list-note[data-freshness="unknown"]')).toHaveText('The held list has not been read yet.');
    await expect(panel.page.getByText(NO_CALLS)).toHaveCount(0);
    preview.sim.faults.clear();
    await panel.page.keyboard.press('r');
    await expect(panel.page.getByText(NO_CALLS).first()).toBeVisible();
    await expect(panel.page.locator('.list-note')).toHaveCount(0);
  });
});

test.describe('a read that fails later', () => {
  test.use({ previewOptions: { seed: [] } });
  test('an empty list that can no longer be read is stale: never "No calls on hold"', async ({ panel, preview }) => {
    await expect(panel.page.getByText(NO_CALLS).first()).toBeVisible();
    preview.sim.faults.add({ match: { path: 'holdlist' }, kind: 'http-error', status: 503, times: Infinity });
    await panel.page.keyboard.press('r');
    await expect(panel.errorBanner).toBeVisible();
    await expect(panel.page.locator('.list-note[data-freshness="stale"]')).toHaveText(/^None were on hold at the last read, 0:0\d ago; the list could not be read since\.$/);
    await expect(panel.page.locator('.empty-title')).toHaveCount(0);
  });
});

test('sign-out with calls held asks first, Cancel by default; a refusal keeps the session and says why', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  const signOut = panel.session.getByRole('button', { name: 'Sign out' });
  await signOut.click();
  const confirm = panel.session.getByRole('group', { name: 'Confirm sign-out' });
  await expect(confirm).toContainText('3 calls are on hold. Sign out anyway?');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  // Enter on the focused default does the safe thing.
  await panel.page.keyboard.press('Enter');
  await expect(confirm).toHaveCount(0);
  await signOut.click();
  await panel.page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  expect(preview.sim.stats.count({ path: 'logout' })).toBe(0);
  await expect(panel.session).toContainText('Signed in');

  // The gateway refuses sign-out while calls are held (100-010): the panel says why, the session stays.
  preview.sim.faults.add({ match: { method: 'DELETE', path: 'logout' }, kind: 'retcode', retcode: '100-010' });
  await signOut.click();
  await confirm.getByRole('button', { name: 'Sign out' }).click();
  await expect(panel.errorBanner).toContainText('You cannot sign out now: finish or resume your calls first.');
  await expect(panel.session).toContainText('Signed in');
  await expect(panel.rows).toHaveCount(3);
  expect(preview.sim.stats.count({ path: 'logout' })).toBe(1);

  // Confirmed and accepted: signed out.
  await signOut.click();
  await confirm.getByRole('button', { name: 'Sign out' }).click();
  await expect(panel.session).toContainText('Signed out');
  expect(preview.sim.stats.count({ path: 'logout' })).toBe(2);
});

test('the tray\'s "Sign out" with calls held asks in the panel (the show-view push main sends)', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  preview.app.showView('confirm-sign-out');
  const confirm = panel.session.getByRole('group', { name: 'Confirm sign-out' });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  expect(preview.sim.stats.count({ path: 'logout' })).toBe(0);
});

test.describe('with nothing held', () => {
  test.use({ previewOptions: { seed: [] } });
  test('sign-out does not ask', async ({ panel, preview }) => {
    await expect(panel.page.getByText(NO_CALLS).first()).toBeVisible();
    await panel.session.getByRole('button', { name: 'Sign out' }).click();
    await expect(panel.session).toContainText('Signed out');
    expect(preview.sim.stats.count({ path: 'logout' })).toBe(1);
  });
});

test('settings: signing in again is on by default, and a remembered password is said to be bound to this gateway and agent', async ({ panel }) => {
  await panel.page.keyboard.press(',');
  const form = panel.page.getByRole('form', { name: 'Settings' });
  await expect(form.getByLabel('Sign in again by myself when the gateway drops my session')).toBeChecked();
  await expect(form.locator('.vault-bound')).toHaveCount(0);
  await panel.page.getByRole('button', { name: 'Back' }).click();
  await panel.session.getByRole('button', { name: 'Sign out' }).click();
  await panel.session.getByRole('group', { name: 'Confirm sign-out' }).getByRole('button', { name: 'Sign out' }).click();
  const signIn = panel.page.getByRole('form', { name: 'Sign in' });
  await signIn.getByLabel('Password', { exact: true }).fill('secret');
  await signIn.getByLabel(/Remember/).check();
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await expect(panel.session).toContainText('Signed in');
  await panel.page.keyboard.press(',');
  await expect(form.locator('.vault-bound')).toHaveText('Your remembered password is kept for this gateway and agent id only: changing either forgets it.');
});
