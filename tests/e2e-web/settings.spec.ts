import { expect, test } from './fixtures';

test('short thresholds turn a timer amber, then red, with a text cue as well as colour', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  const call = preview.app.heldCalls()[0]!;
  const row = panel.row(call.callid);
  await expect(row).toHaveAttribute('data-level', 'ok');
  // Light-scheme colours from app.css: none, amber (#fff3cd) and red (#b42318).
  await expect(row.locator('.timer')).toHaveCSS('background-color', 'rgba(0, 0, 0, 0)');
  await panel.page.keyboard.press(',');
  const form = panel.page.getByRole('form', { name: 'Settings' });
  // 5 s is the smallest threshold main accepts.
  await form.getByLabel('Warn after (s)').fill('5');
  await form.getByLabel('Alert after (s)').fill('9');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(panel.status).toContainText('Settings saved.');
  await panel.page.getByRole('button', { name: 'Back' }).click();

  await expect(row).toHaveAttribute('data-level', 'warn', { timeout: 6_000 });
  await expect(row.locator('.level-note')).toHaveText('Hold getting long: over 5 s');
  await expect(row.locator('.timer .cue')).toHaveText('⚠');
  await expect(row.locator('.timer')).toHaveCSS('background-color', 'rgb(255, 243, 205)');

  await expect(row).toHaveAttribute('data-level', 'alert', { timeout: 6_000 });
  await expect(row.locator('.level-note')).toHaveText('Long hold: over 9 s');
  await expect(row.locator('.timer .cue')).toHaveText('‼');
  await expect(row.locator('.timer')).toHaveAccessibleDescription('Long hold: over 9 s');
  await expect(row.locator('.timer')).toHaveCSS('background-color', 'rgb(180, 35, 24)');
});

test('a hotkey is captured by pressing it, with global hotkeys paused meanwhile, and saved', async ({ panel, preview }) => {
  const captures: boolean[] = [];
  const original = preview.app.handlers['hotkeys:capture'];
  preview.app.handlers['hotkeys:capture'] = async (...args) => {
    captures.push(args[0] as boolean);
    return original(...args);
  };
  await panel.page.getByRole('button', { name: 'Settings' }).click();
  const field = panel.page.getByRole('button', { name: /^Refresh the held list/ });
  await field.click();
  await expect(field).toHaveText('Press keys…');
  await panel.page.keyboard.press('Control+Alt+F5');
  await expect(field).toHaveText('Ctrl+Alt+F5');
  expect(captures).toEqual([true, false]);
  await panel.page.getByRole('button', { name: 'Save' }).click();
  await expect(panel.status).toContainText('Settings saved.');
  const saved = await preview.app.handlers['settings:get']();
  expect(saved.settings.hotkeys.refresh).toBe('CommandOrControl+Alt+F5');
});

test.describe('a hotkey another program holds', () => {
  test.use({ previewOptions: { takenHotkeys: ['CommandOrControl+Alt+R'] } });
  test('is reported in settings and next to the top row', async ({ panel }) => {
    await expect(panel.rows.first().locator('.next-note')).toContainText('hotkey taken by another program');
    await panel.page.getByRole('button', { name: 'Settings' }).click();
    await expect(panel.page.locator('#hotkey-resumeTop-status')).toHaveText(/Taken by another program/);
  });
});

test.describe('admin-locked settings', () => {
  test.use({ previewOptions: { locked: ['gatewayUrl'] } });
  test('are read-only with a note', async ({ panel }) => {
    await panel.page.getByRole('button', { name: 'Settings' }).click();
    const url = panel.page.getByLabel('Gateway address');
    await expect(url).toHaveAttribute('readonly', '');
    await expect(panel.page.getByText(/Set by your administrator/)).toBeVisible();
  });
});

test('a refused setting shows main\'s message', async ({ panel }) => {
  await panel.page.getByRole('button', { name: 'Settings' }).click();
  await panel.page.getByLabel('Phone (extension)').fill('1'.repeat(40));
  await panel.page.getByRole('button', { name: 'Save' }).click();
  await expect(panel.page.getByRole('form', { name: 'Settings' }).getByRole('alert')).toHaveText('Setting "phone" is too long (at most 32 characters).');
});

test('main can open the settings view (the tray\'s "Settings…")', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  preview.app.showView('settings');
  await expect(panel.page.getByRole('form', { name: 'Settings' })).toBeVisible();
  preview.app.showView('list');
  await expect(panel.rows).toHaveCount(3);
});
