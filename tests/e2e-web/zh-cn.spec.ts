// The main flows in Simplified Chinese: sign in, the list, resume, settings. The texts asserted
// are the catalogue's (shared/i18n), so a missing or English text fails here.
import { callFeatureMessage } from '../../shared/model';
import { en, expect, simCall, test, useLanguage, zh, type Panel } from './fixtures';

/** The part of a message before a parameter, to recognise it whatever the parameter is. */
const prefix = (id: Parameters<typeof zh.text>[0], slot: string): string => zh.text(id, { [slot]: '\uE000' }).split('\uE000')[0]!;

async function expectChinesePage(panel: Panel): Promise<void> {
  await expect(panel.page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // Nothing English left on screen: no run of Latin words (numbers, Ctrl+Alt+R, the address
  // placeholder and "English" in the language menu, which names itself, aside).
  const text = await panel.page.locator('body').innerText();
  const english = text.match(/\b(?!Ctrl\b|Alt\b|Esc\b|Enter\b|CC-Gateway\b|Billing\b|Support\b|Sales\b|SHA-256\b|https\b|agent\b)[A-Za-z]{3,}\b/g) ?? [];
  expect(english.filter((word) => !/^(gateway|example|path|to|pem|english)$/i.test(word))).toEqual([]);
}

test.describe('language set to 简体中文', () => {
  test.use({ previewOptions: { settings: { language: 'zh-CN' } } });

  test('the list, a resume and the settings are in Chinese', async ({ panel, preview }) => {
    await expect(panel.rows).toHaveCount(3);
    await expect(panel.page).toHaveTitle(zh.text('ui.title.list'));
    const calls = preview.app.listCalls().calls;
    const top = panel.rows.first();
    await expect(top.locator('.line2')).toContainText(zh.text('ui.row.called', { called: calls[0]!.called }));
    await expect(top.locator('.line2')).toContainText(zh.t(callFeatureMessage(calls[0]!.callfeature)));
    await expect(top.locator('.next-note')).toHaveText(zh.text('ui.row.next-key', { key: 'Ctrl+Alt+R' }));
    await expect(panel.session.locator('.session-status')).toHaveText(zh.text('ui.session.signed-in'));
    await expectChinesePage(panel);

    await top.getByRole('button', { name: zh.text('ui.row.resume') }).click();
    await expect(panel.row(calls[0]!.callid)).toHaveCount(0);
    expect(simCall(preview, calls[0]!.callid)?.state).toBe('talking');
    await expect(panel.status).toContainText(prefix('result.resumed', 'who'));

    // A refusal from the gateway, in Chinese.
    preview.sim.faults.add({ match: { path: 'gethold' }, kind: 'retcode', retcode: '200-016' });
    await panel.rows.first().getByRole('button', { name: zh.text('ui.row.resume') }).click();
    await expect(panel.errorBanner).toContainText(zh.text('gateway.200-016'));

    await panel.page.getByRole('button', { name: zh.text('ui.settings'), exact: true }).click();
    await expect(panel.page.getByRole('heading', { name: zh.text('ui.title.settings') })).toBeFocused();
    const form = panel.page.getByRole('form', { name: zh.text('ui.title.settings') });
    await expect(form.locator('legend').first()).toHaveText(zh.text('setting.section.hotkeys'));
    await form.getByLabel(zh.text('setting.warnAfterSec')).fill('200');
    await form.getByLabel(zh.text('setting.alertAfterSec')).fill('100');
    await form.getByRole('button', { name: zh.text('ui.settings.save') }).click();
    await expect(form.locator('.field-error')).toHaveText(zh.text('settings.warn-before-alert', { warn: 200, alert: 100 }));
    await form.getByLabel(zh.text('setting.alertAfterSec')).fill('300');
    await form.getByRole('button', { name: zh.text('ui.settings.save') }).click();
    await expect(form.locator('.save-status')).toHaveText(zh.text('ui.settings.saved'));
    // Hotkey refusals too.
    const field = panel.page.getByRole('button', { name: new RegExp(`^${zh.text('command.refresh')}`) });
    await field.click();
    await panel.page.keyboard.press('Control+KeyV');
    await expect(panel.page.locator('#hotkey-refresh-status')).toHaveText(zh.text('hotkey.reserved', { key: 'Ctrl+V' }));
    await panel.page.keyboard.press('Escape');
    await expectChinesePage(panel);
  });
});

test.describe('signed out, in Chinese', () => {
  test.use({ previewOptions: { signIn: false, password: 'right', settings: { language: 'zh-CN' } } });
  test('signing in: a refusal and then the list, in Chinese', async ({ panel }) => {
    const form = panel.page.getByRole('form', { name: zh.text('ui.signin.title') });
    await expectChinesePage(panel);
    const password = form.getByLabel(zh.text('ui.signin.password'), { exact: true });
    await password.fill('wrong');
    await form.getByRole('button', { name: zh.text('ui.signin.submit') }).click();
    await expect(form.getByRole('alert')).toHaveText(zh.text('gateway.100-004'));
    await password.fill('right');
    await form.getByRole('button', { name: zh.text('ui.signin.submit') }).click();
    await expect(panel.rows).toHaveCount(3);
    await expect(panel.status).toContainText(zh.text('ui.announce.signed-in', { agent: '1001' }));
  });
});

test.describe('first run, in Chinese', () => {
  test.use({ previewOptions: { configured: false, settings: { language: 'zh-CN' } } });
  test('offers the demo in Chinese', async ({ panel }) => {
    await expect(panel.page.getByRole('heading', { name: zh.text('ui.setup.title') })).toBeVisible();
    await expectChinesePage(panel);
    await panel.page.getByRole('button', { name: zh.text('ui.demo.try') }).click();
    await expect(panel.session).toContainText(zh.text('ui.session.demo'));
    await expect(panel.rows).toHaveCount(3);
  });
});

test.describe('"Same as the computer" on a Chinese system', () => {
  test.use({ locale: 'zh-CN' });
  test('follows the OS language by default', async ({ panel }) => {
    await expect(panel.rows).toHaveCount(3);
    await expect(panel.page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(panel.rows.first().getByRole('button', { name: zh.text('ui.row.resume') })).toBeVisible();
  });
});

test('switching the language in Settings re-renders everything at once', async ({ panel }) => {
  await expect(panel.rows).toHaveCount(3);
  await expect(panel.page.locator('html')).toHaveAttribute('lang', 'en');
  await panel.page.getByRole('button', { name: en.text('ui.settings'), exact: true }).click();
  await panel.page.getByLabel(en.text('setting.language'), { exact: true }).selectOption('zh-CN');
  await panel.page.getByRole('button', { name: en.text('ui.settings.save') }).click();
  // Everything at once, without leaving the view: heading, buttons, session bar, the saved note.
  await expect(panel.page.getByRole('heading', { name: zh.text('ui.title.settings') })).toBeVisible();
  await expect(panel.page.getByRole('button', { name: zh.text('ui.back') })).toBeVisible();
  await expect(panel.session.locator('.session-status')).toHaveText(zh.text('ui.session.signed-in'));
  await expect(panel.page.locator('.save-status')).toHaveText(zh.text('ui.settings.saved'));
  await expectChinesePage(panel);
  await panel.page.getByRole('button', { name: zh.text('ui.back') }).click();
  await expect(panel.rows.first().getByRole('button', { name: zh.text('ui.row.resume') })).toBeVisible();
  await expectChinesePage(panel);

  // And back to English the same way.
  await panel.page.getByRole('button', { name: zh.text('ui.settings'), exact: true }).click();
  await panel.page.getByLabel(zh.text('setting.language'), { exact: true }).selectOption('en');
  await panel.page.getByRole('button', { name: zh.text('ui.settings.save') }).click();
  await expect(panel.page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(panel.page.getByRole('heading', { name: en.text('ui.title.settings') })).toBeVisible();
});
