import { CATALOGUE } from '../../electron/core/catalogue';
import { expect, test } from './fixtures';

test.describe('without signing in again by itself', () => {
  test.use({ previewOptions: { settings: { autoSignIn: false } } });
  test('a session ended by the gateway shows as signed out with its reason, and signing in again restores the list', async ({ panel, preview }) => {
    await expect(panel.rows).toHaveCount(3);
    preview.sim.script.forceSignOut(preview.agentId);

    await expect(panel.session).toContainText('Signed out');
    const reason = preview.app.session().reason;
    expect(reason, 'the service gives a reason').toBeTruthy();
    await expect(panel.session.locator('.session-reason')).toHaveText(reason!);
    await expect(panel.page.locator('[aria-live="assertive"]')).toContainText('Signed out');
    await expect(panel.rows).toHaveCount(0);

    const form = panel.page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Password', { exact: true }).fill('secret');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect(panel.session).toContainText('Signed in');
    await expect(panel.rows).toHaveCount(3);
    expect(preview.sim.agentStatus(preview.agentId)).toBeDefined();
  });
});

test.describe('wrong password', () => {
  test.use({ previewOptions: { signIn: false, password: 'right' } });
  test('a refused sign-in shows the gateway\'s reason next to the form', async ({ panel, preview }) => {
    const form = panel.page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Password', { exact: true }).fill('wrong');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect(form.getByRole('alert')).toHaveText(CATALOGUE['100-004']!.message);
    await expect(panel.session).toContainText('Signed out');
    expect(preview.sim.currentGuid(preview.agentId)).toBeUndefined();

    await form.getByLabel('Password', { exact: true }).fill('right');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect(panel.session).toContainText('Signed in');
    await expect(panel.rows).toHaveCount(3);
  });
});

test.describe('no gateway configured', () => {
  test.use({ previewOptions: { configured: false } });
  test('offers the demo, which signs in to a simulated gateway with calls on hold', async ({ panel }) => {
    test.setTimeout(60_000);
    await expect(panel.page.getByText('Set up your gateway')).toBeVisible();
    await panel.page.getByRole('button', { name: 'Try the demo' }).click();
    await expect(panel.session).toContainText('Signed in');
    await expect(panel.session).toContainText('Demo');
    await expect(panel.rows).toHaveCount(3);
  });
});
