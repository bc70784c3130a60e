import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { en, expect, test, type Panel } from './fixtures';

const focusedTag = (panel: Panel) => panel.page.evaluate(() => document.activeElement?.tagName ?? 'none');

/** Sign out with calls held: the panel asks first (issue 7), and this answers "Sign out". */
async function signOutConfirmed(panel: Panel): Promise<void> {
  await panel.session.getByRole('button', { name: en.text('ui.session.sign-out') }).click();
  await panel.session.getByRole('group', { name: en.text('ui.signout.label') }).getByRole('button', { name: en.text('ui.signout.confirm') }).click();
}

// Signing in again by itself is on by default (issue 7); this is the session that stays ended.
test.describe('without signing in again by itself', () => {
  test.use({ previewOptions: { settings: { autoSignIn: false } } });
  test('a session ended by the gateway shows as signed out with its reason, and signing in again restores the list', async ({ panel, preview }) => {
    await expect(panel.rows).toHaveCount(3);
    preview.sim.script.forceSignOut(preview.agentId);

    await expect(panel.session).toContainText(en.text('ui.session.signed-out'));
    const reason = preview.app.session().reason;
    expect(reason, 'the service gives a reason').toBeTruthy();
    await expect(panel.session.locator('.session-reason')).toHaveText(en.t(reason!));
    await expect(panel.page.locator('[aria-live="assertive"]')).toHaveText(en.text('ui.announce.signed-out-because', { reason: reason! }));
    await expect(panel.rows).toHaveCount(0);

    const form = panel.page.getByRole('form', { name: en.text('ui.signin.title') });
    await form.getByLabel(en.text('ui.signin.password'), { exact: true }).fill('secret');
    await form.getByRole('button', { name: en.text('ui.signin.submit') }).click();
    await expect(panel.session).toContainText(en.text('ui.session.signed-in'));
    await expect(panel.rows).toHaveCount(3);
    expect(preview.sim.agentStatus(preview.agentId)).toBeDefined();
    // After sign-in, focus is in the list, not on <body>.
    await expect(panel.rows.first().getByRole('button', { name: en.text('ui.row.resume') })).toBeFocused();
  });
});

test('signing out says so once: no red "Signed out." under "Signed out", and the password field gets focus', async ({ panel }) => {
  await expect(panel.rows).toHaveCount(3);
  const said = await panel.recordAnnouncements();
  await signOutConfirmed(panel);
  await expect(panel.session.locator('.session-status')).toHaveText(en.text('ui.session.signed-out'));
  await expect(panel.session.locator('.session-reason')).toHaveCount(0);
  await expect(panel.status).toHaveText(en.text('ui.announce.signed-out'));
  await expect(panel.page.locator('[aria-live="assertive"]')).toHaveText('');
  expect(await said()).toEqual([en.text('ui.announce.signed-out')]);
  await expect(panel.page.getByLabel(en.text('ui.signin.password'), { exact: true })).toBeFocused();
});

test('signing in again finds the calls still on hold: they are counted, not announced as new calls', async ({ panel }) => {
  await expect(panel.rows).toHaveCount(3);
  await signOutConfirmed(panel);
  const said = await panel.recordAnnouncements();
  const form = panel.page.getByRole('form', { name: en.text('ui.signin.title') });
  await form.getByLabel(en.text('ui.signin.password'), { exact: true }).fill('secret');
  await form.getByRole('button', { name: en.text('ui.signin.submit') }).click();
  await expect(panel.rows).toHaveCount(3);
  await expect.poll(said).toContain(en.text('ui.announce.count', { count: 3 }));
  expect((await said()).join(' ')).not.toContain(en.text('ui.announce.new-calls', { added: 3, count: '' }).trim());
});

test.describe('a dropped event stream', () => {
  test.use({ previewOptions: { pollWaitMs: 200 } });
  test('shows "Reconnecting…" with the cause once, never "Reconnecting: Reconnecting…"', async ({ panel, preview }) => {
    await expect(panel.rows).toHaveCount(3);
    const said = await panel.recordAnnouncements();
    preview.sim.faults.add({ match: { path: 'agentevent' }, kind: 'http-error', status: 503, times: 2 });
    await expect(panel.session.locator('.session-status')).toHaveText(en.text('ui.session.reconnecting'));
    const reason = preview.app.session().reason!;
    await expect(panel.session.locator('.session-reason')).toHaveText(en.t(reason));
    await expect(panel.session.locator('.session-status')).toHaveText(en.text('ui.session.signed-in'), { timeout: 15_000 });
    const texts = await said();
    expect(texts).toContain(en.text('ui.announce.reconnecting-because', { reason }));
    for (const text of texts) expect(text).not.toMatch(/Reconnecting.*Reconnecting/);
  });
});

test.describe('wrong password', () => {
  test.use({ previewOptions: { signIn: false, password: 'right' } });
  test("a refused sign-in shows the gateway's reason next to the form", async ({ panel, preview }) => {
    const form = panel.page.getByRole('form', { name: en.text('ui.signin.title') });
    const password = form.getByLabel(en.text('ui.signin.password'), { exact: true });
    await password.fill('wrong');
    await form.getByRole('button', { name: en.text('ui.signin.submit') }).click();
    await expect(form.getByRole('alert')).toHaveText(en.text('gateway.100-004'));
    await expect(password).toBeFocused();
    await expect(password).toHaveAccessibleDescription(en.text('gateway.100-004'));
    await expect(panel.session).toContainText(en.text('ui.session.signed-out'));
    expect(preview.sim.currentGuid(preview.agentId)).toBeUndefined();

    await password.fill('right');
    await form.getByRole('button', { name: en.text('ui.signin.submit') }).click();
    await expect(panel.session).toContainText(en.text('ui.session.signed-in'));
    await expect(panel.rows).toHaveCount(3);
  });

  test('opens ready to type the password, and says which agent signs in where', async ({ panel, preview }) => {
    const password = panel.page.getByLabel(en.text('ui.signin.password'), { exact: true });
    await expect(password).toBeFocused();
    await expect(panel.session).toContainText(en.text('ui.session.agent', { agent: preview.agentId }));
    await expect(panel.session).toContainText(new URL(preview.sim.url).host);
    // Keyboard only: type and Enter.
    await panel.page.keyboard.type('right');
    await panel.page.keyboard.press('Enter');
    await expect(panel.rows).toHaveCount(3);
    await expect(panel.rows.first().getByRole('button', { name: en.text('ui.row.resume') })).toBeFocused();
  });
});

test.describe('no gateway configured', () => {
  test.use({ previewOptions: { configured: false } });

  test('the demo signs in to a simulated gateway; after signing out of it, the demo is offered again', async ({ panel }) => {
    test.setTimeout(90_000);
    const demo = panel.page.getByRole('button', { name: en.text('ui.demo.try') });
    await expect(panel.page.getByRole('heading', { name: en.text('ui.setup.title') })).toBeVisible();
    await demo.click();
    await expect(panel.session).toContainText(en.text('ui.session.signed-in'));
    await expect(panel.session).toContainText(en.text('ui.session.demo'));
    await expect(panel.rows).toHaveCount(3);
    await expect(panel.rows.first().getByRole('button', { name: en.text('ui.row.resume') })).toBeFocused();

    // The dead end was: a password form with a Demo badge and no way back to the demo.
    await signOutConfirmed(panel);
    await expect(panel.page.getByRole('heading', { name: en.text('ui.setup.title') })).toBeVisible();
    await expect(panel.session.locator('.badge')).toHaveCount(0);
    await expect(panel.page.getByRole('form', { name: en.text('ui.signin.title') })).toHaveCount(0);
    await expect(demo).toBeFocused();
    await demo.click();
    await expect(panel.rows).toHaveCount(3);
    await expect(panel.session).toContainText(en.text('ui.session.demo'));
  });

  test('saving the gateway settings leads straight to sign-in, which then works', async ({ panel, preview }) => {
    const dir = await mkdtemp(join(tmpdir(), 'cec-e2e-ca-'));
    const caFile = join(dir, 'ca.pem');
    await writeFile(caFile, preview.sim.caPem);
    try {
      await panel.page.getByRole('button', { name: en.text('ui.setup.open-settings') }).click();
      await expect(panel.page.getByRole('heading', { name: en.text('ui.title.settings') })).toBeFocused();
      // Not configured: the connection section is open.
      const connection = panel.page.locator('details.connection');
      await expect(connection).toHaveAttribute('open', '');
      await panel.page.getByLabel(en.text('setting.gatewayUrl')).fill(preview.sim.url);
      await panel.page.getByLabel(en.text('setting.agentId')).fill(preview.agentId);
      await panel.page.getByLabel(en.text('setting.caFile')).fill(caFile);
      await panel.page.getByRole('button', { name: en.text('ui.settings.save') }).click();

      const password = panel.page.getByLabel(en.text('ui.signin.password'), { exact: true });
      await expect(password).toBeFocused();
      await expect(panel.status).toHaveText(en.text('ui.settings.saved'));
      await password.fill('secret');
      await panel.page.getByRole('button', { name: en.text('ui.signin.submit') }).click();
      await expect(panel.rows).toHaveCount(3);
      expect(await focusedTag(panel)).toBe('BUTTON');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('after a demo in which the gateway was set up, the sign-in form offers the demo too', async ({ panel, preview }) => {
    test.setTimeout(90_000);
    const dir = await mkdtemp(join(tmpdir(), 'cec-e2e-ca-'));
    const caFile = join(dir, 'ca.pem');
    await writeFile(caFile, preview.sim.caPem);
    try {
      await panel.page.getByRole('button', { name: en.text('ui.demo.try') }).click();
      await expect(panel.rows).toHaveCount(3);
      await panel.page.getByRole('button', { name: en.text('ui.settings') }).click();
      await panel.page.getByLabel(en.text('setting.gatewayUrl')).fill(preview.sim.url);
      await panel.page.getByLabel(en.text('setting.agentId')).fill(preview.agentId);
      await panel.page.getByLabel(en.text('setting.caFile')).fill(caFile);
      await panel.page.getByRole('button', { name: en.text('ui.settings.save') }).click();
      await expect(panel.page.locator('.save-status')).toBeFocused();
      await panel.page.getByRole('button', { name: en.text('ui.back') }).click();
      await signOutConfirmed(panel);
      const form = panel.page.getByRole('form', { name: en.text('ui.signin.title') });
      await expect(form).toBeVisible();
      await panel.page.getByRole('button', { name: en.text('ui.demo.try') }).click();
      await expect(panel.session).toContainText(en.text('ui.session.demo'));
      await expect(panel.rows).toHaveCount(3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
