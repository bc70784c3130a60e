import { SECTIONS } from '../../shared/settings';
import { en, expect, test, type Panel } from './fixtures';

const settingsForm = (panel: Panel) => panel.page.getByRole('form', { name: en.text('ui.title.settings') });
const save = (panel: Panel) => panel.page.getByRole('button', { name: en.text('ui.settings.save') }).click();

async function openSettings(panel: Panel): Promise<void> {
  await panel.page.getByRole('button', { name: en.text('ui.settings'), exact: true }).click();
  // Focus lands on the view's heading, not on <body>.
  await expect(panel.page.getByRole('heading', { name: en.text('ui.title.settings') })).toBeFocused();
}

test('short thresholds turn a timer amber, then red, with a text cue as well as colour', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  const call = preview.app.listCalls().calls[0]!;
  const row = panel.row(call.callid);
  await expect(row).toHaveAttribute('data-level', 'ok');
  // Light-scheme colours from app.css: none, amber (#fff3cd) and red (#b42318).
  await expect(row.locator('.timer')).toHaveCSS('background-color', 'rgba(0, 0, 0, 0)');
  await panel.page.keyboard.press(',');
  const form = settingsForm(panel);
  // 5 s is the smallest threshold main accepts.
  await form.getByLabel(en.text('setting.warnAfterSec')).fill('5');
  await form.getByLabel(en.text('setting.alertAfterSec')).fill('9');
  await save(panel);
  await expect(form.locator('.save-status')).toHaveText(en.text('ui.settings.saved'));
  await expect(form.locator('.save-status')).toBeFocused();
  await panel.page.getByRole('button', { name: en.text('ui.back') }).click();

  await expect(row).toHaveAttribute('data-level', 'warn', { timeout: 6_000 });
  await expect(row.locator('.level-note')).toHaveText(en.text('ui.row.warn', { duration: { id: 'ui.duration.seconds', params: { seconds: 5 } } }));
  await expect(row.locator('.timer .cue')).toHaveText('⚠');
  await expect(row.locator('.timer')).toHaveCSS('background-color', 'rgb(255, 243, 205)');

  const alert = en.text('ui.row.alert', { duration: { id: 'ui.duration.seconds', params: { seconds: 9 } } });
  await expect(row).toHaveAttribute('data-level', 'alert', { timeout: 6_000 });
  await expect(row.locator('.level-note')).toHaveText(alert);
  await expect(row.locator('.timer .cue')).toHaveText('‼');
  await expect(row.locator('.timer')).toHaveAccessibleDescription(alert);
  await expect(row.locator('.timer')).toHaveCSS('background-color', 'rgb(180, 35, 24)');
});

test('the form follows the settings spec: sections in order, connection folded away once set', async ({ panel }) => {
  await openSettings(panel);
  const titles = await settingsForm(panel).locator('fieldset > legend, details > summary .summary-title').allTextContents();
  expect(titles).toEqual(SECTIONS.map((section) => en.text(`setting.section.${section}`)));
  const connection = panel.page.locator('details.connection');
  await expect(connection).not.toHaveAttribute('open');
  await expect(panel.page.getByLabel(en.text('setting.gatewayUrl'))).toBeHidden();
  await connection.locator('summary').click();
  await expect(panel.page.getByLabel(en.text('setting.gatewayUrl'))).toBeVisible();
  await expect(panel.page.getByLabel(en.text('setting.agentId'))).toHaveAttribute('inputmode', 'numeric');
  await expect(panel.page.getByLabel(en.text('setting.gatewayUrl'))).toHaveAttribute('placeholder', en.text('setting.gatewayUrl.placeholder'));
  await expect(panel.page.getByLabel(en.text('setting.warnAfterSec'))).toHaveAttribute('max', '3600');
});

test('a hotkey is captured by pressing it, with global hotkeys paused meanwhile, and saved', async ({ panel, preview }) => {
  const captures: boolean[] = [];
  const original = preview.app.captureHotkeys.bind(preview.app);
  preview.app.captureHotkeys = (capturing) => {
    captures.push(capturing);
    original(capturing);
  };
  await openSettings(panel);
  const field = panel.page.getByRole('button', { name: new RegExp(`^${en.text('command.refresh')}`) });
  await field.click();
  await expect(field).toHaveText(en.text('ui.hotkey.pressing'));
  await panel.page.keyboard.press('Control+Alt+F5');
  await expect(field).toHaveText('Ctrl+Alt+F5');
  // The page turns capture off over the bridge as it shows the key: a request, so it may land just after.
  await expect.poll(() => captures).toEqual([true, false]);
  await save(panel);
  await expect(panel.page.locator('.save-status')).toHaveText(en.text('ui.settings.saved'));
  expect(preview.app.settings.view().settings.hotkeys.refresh).toBe('CommandOrControl+Alt+F5');
});

test('hotkey capture refuses unmodified keys, editing shortcuts and a combination another action has, and keeps the old value', async ({ panel, preview }) => {
  await openSettings(panel);
  const field = panel.page.getByRole('button', { name: new RegExp(`^${en.text('command.refresh')}`) });
  const status = panel.page.locator('#hotkey-refresh-status');
  const refusals: Array<[string, string]> = [
    ['KeyA', en.text('hotkey.needs-modifier')],
    ['Control+KeyC', en.text('hotkey.reserved', { key: 'Ctrl+C' })],
    ['Alt+F4', en.text('hotkey.reserved', { key: 'Alt+F4' })],
    ['Control+Alt+KeyR', en.text('settings.hotkey-used', { key: 'Ctrl+Alt+R', other: { id: 'command.resumeTop' } })],
  ];
  for (const [keys, reason] of refusals) {
    await field.click();
    await panel.page.keyboard.press(keys);
    // Shown in the field and its description, announced, and nothing taken.
    await expect(status).toHaveText(reason);
    await expect(field).toHaveAccessibleDescription(reason);
    await expect(panel.page.locator('[aria-live="assertive"]')).toHaveText(reason);
    await panel.page.keyboard.press('Escape');
    await expect(field).toHaveText(en.text('ui.hotkey.not-set'));
  }
  await expect(panel.page.getByRole('button', { name: en.text('ui.settings.save') })).toHaveAttribute('aria-disabled', 'true');
  expect(preview.app.settings.view().settings.hotkeys.refresh).toBe('');
});

test('a refused save shows the reason beside the field, focused and in view, and never "Settings saved."', async ({ panel, preview }) => {
  await openSettings(panel);
  const form = settingsForm(panel);
  // First a save that works, so there is a "Settings saved." to clear.
  await form.getByLabel(en.text('setting.warnAfterSec')).fill('61');
  await save(panel);
  await expect(form.locator('.save-status')).toBeVisible();

  // warn after alert: the case, with the error once off-screen at y≈750.
  const warn = form.getByLabel(en.text('setting.warnAfterSec'));
  await warn.fill('200');
  await form.getByLabel(en.text('setting.alertAfterSec')).fill('100');
  await expect(form.locator('.save-status')).toHaveCount(0);
  await save(panel);
  const reason = en.text('settings.warn-before-alert', { warn: 200, alert: 100 });
  await expect(form.locator('.field-error')).toHaveText(reason);
  const field = form.locator('.field:has(.field-error) input');
  await expect(field).toBeFocused();
  await expect(field).toBeInViewport();
  await expect(field).toHaveAccessibleDescription(reason);
  await expect(form.locator('.save-status')).toHaveCount(0);
  await expect(panel.status).not.toHaveText(en.text('ui.settings.saved'));
  expect(preview.app.settings.view().settings.warnAfterSec).toBe(61);

  // A bad gateway address: the connection section opens to show it.
  await form.getByLabel(en.text('setting.alertAfterSec')).fill('300');
  const summary = panel.page.locator('details.connection > summary');
  const url = form.getByLabel(en.text('setting.gatewayUrl'));
  await summary.click();
  await url.fill('http://gateway.example:8043');
  await summary.click(); // folded away again: the refusal must open it
  await expect(url).toBeHidden();
  await save(panel);
  await expect(url).toBeFocused();
  await expect(url).toBeInViewport();
  await expect(url).toHaveAccessibleDescription(en.text('config.gateway-not-https'));
});

test.describe('a hotkey another program holds', () => {
  test.use({ previewOptions: { takenHotkeys: ['CommandOrControl+Alt+R'] } });
  test('is reported in settings and next to the top row', async ({ panel }) => {
    await expect(panel.rows.first().locator('.next-note')).toContainText(en.text('ui.row.hotkey-taken'));
    await openSettings(panel);
    await expect(panel.page.locator('#hotkey-resumeTop-status')).toHaveText(en.text('ui.hotkey.taken'));
  });
});

test.describe('admin-locked settings', () => {
  test.use({ previewOptions: { locked: ['gatewayUrl'] } });
  test('are read-only with a note', async ({ panel }) => {
    await openSettings(panel);
    await panel.page.locator('details.connection > summary').click();
    const url = panel.page.getByLabel(en.text('setting.gatewayUrl'));
    await expect(url).toHaveAttribute('readonly', '');
    await expect(panel.page.getByText(/Set by your administrator/)).toBeVisible();
  });
});

test("main can open the settings view (the tray's \"Settings…\")", async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  preview.app.showView('settings');
  await expect(settingsForm(panel)).toBeVisible();
  await expect(panel.page.getByRole('heading', { name: en.text('ui.title.settings') })).toBeFocused();
  preview.app.showView('list');
  await expect(panel.rows).toHaveCount(3);
});
