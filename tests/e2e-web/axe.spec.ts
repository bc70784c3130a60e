// axe-core (WCAG 2.2 A/AA and best practices) on every view of the panel, in both languages and
// both colour schemes: 0 violations. Each view's counts go to test-results/axe/<view>.json for the record.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Preview } from '../../electron/preview/server';
import { en, expect, stageThreeLevels, stagingClock, test, useLanguage, type Panel } from './fixtures';

const LANGUAGES = ['en', 'zh-CN'] as const;
const SCHEMES = ['light', 'dark'] as const;
const REPORT_DIR = 'test-results/axe';

/** Runs axe on the view as it stands in all four combinations; returns "view lang scheme: rule" lines. */
async function checkAllWays(view: string, panel: Panel, preview: Preview): Promise<string[]> {
  const found: string[] = [];
  const counts: Record<string, number> = {};
  for (const language of LANGUAGES) {
    await useLanguage(panel, preview, language);
    for (const scheme of SCHEMES) {
      await panel.page.emulateMedia({ colorScheme: scheme });
      const violations = await panel.axeViolations();
      counts[`${language} ${scheme}`] = violations.length;
      found.push(...violations.map((v) => `${view} ${language} ${scheme}: ${v}`));
    }
  }
  await record(view, counts);
  // Back to where each test's steps expect to be.
  await useLanguage(panel, preview, 'en');
  await panel.page.emulateMedia({ colorScheme: 'light' });
  return found;
}

/** One file per view: the two workers never write the same file. */
async function record(view: string, counts: Record<string, number>): Promise<void> {
  await mkdir(REPORT_DIR, { recursive: true });
  await writeFile(join(REPORT_DIR, `${view.replace(/[^\w]+/g, '-')}.json`), `${JSON.stringify({ view, violations: counts }, null, 2)}\n`);
}

test.describe('signed in', () => {
  const staging = stagingClock();
  test.use({
    previewOptions: {
      seed: [{ caller: '07700900123', called: '4001', callskill: 'Billing', callfeature: 0 }],
      clientOptions: { clock: staging.clock },
    },
  });
  test.beforeEach(() => staging.setAgo(205_000));

  test('the held list (ok, amber and red rows), the connect confirmation and an error banner', async ({ panel, preview }) => {
    await stageThreeLevels(panel, preview, staging.setAgo);
    const problems = await checkAllWays('list', panel, preview);

    await panel.rows.nth(1).getByRole('button', { name: en.text('ui.row.connect'), exact: true }).click();
    await expect(panel.rows.nth(1).locator('.confirm')).toBeVisible();
    problems.push(...(await checkAllWays('connect confirmation', panel, preview)));
    await panel.page.keyboard.press('Escape');

    preview.sim.faults.add({ match: { path: 'gethold' }, kind: 'retcode', retcode: '200-016' });
    await panel.rows.first().getByRole('button', { name: en.text('ui.row.resume') }).click();
    await expect(panel.errorBanner).toBeVisible();
    problems.push(...(await checkAllWays('error banner', panel, preview)));
    expect(problems).toEqual([]);
  });

  test('a call in progress above the held ones, its End confirmation, and Connect naming both calls', async ({ panel, preview }) => {
    await stageThreeLevels(panel, preview, staging.setAgo);
    preview.sim.script.talk(preview.agentId, { caller: '40038', called: '2125550147', callskill: 'Sales', callfeature: 7 });
    const current = panel.page.locator('section.current-call');
    await expect(current.locator('.customer')).toHaveText('2125550147');
    const problems = await checkAllWays('current call', panel, preview);

    await current.getByRole('button', { name: en.text('ui.current.end'), exact: true }).click();
    await expect(current.locator('.confirm')).toBeVisible();
    problems.push(...(await checkAllWays('end confirmation', panel, preview)));
    await panel.page.keyboard.press('Escape');

    await panel.rows.first().getByRole('button', { name: en.text('ui.row.connect'), exact: true }).click();
    await expect(panel.rows.first().locator('.confirm')).toContainText('2125550147');
    problems.push(...(await checkAllWays('connect confirmation with a current call', panel, preview)));
    expect(problems).toEqual([]);
  });

  test('settings: folded, unfolded, and with a refusal beside a field', async ({ panel, preview }) => {
    await expect(panel.rows).toHaveCount(1);
    await panel.page.keyboard.press(',');
    const form = panel.page.getByRole('form', { name: en.text('ui.title.settings') });
    await expect(form).toBeVisible();
    const problems = await checkAllWays('settings', panel, preview);

    await panel.page.locator('details.connection > summary').click();
    await form.getByLabel(en.text('setting.warnAfterSec')).fill('200');
    await form.getByLabel(en.text('setting.alertAfterSec')).fill('100');
    await form.getByRole('button', { name: en.text('ui.settings.save') }).click();
    await expect(form.locator('.field-error')).toBeVisible();
    problems.push(...(await checkAllWays('settings with an error', panel, preview)));
    expect(problems).toEqual([]);
  });
});

test.describe('session survival (issue 7)', () => {
  test('the sign-out confirmation with calls held', async ({ panel, preview }) => {
    await expect(panel.rows).toHaveCount(3);
    await panel.session.getByRole('button', { name: en.text('ui.session.sign-out') }).click();
    await expect(panel.session.getByRole('group', { name: en.text('ui.signout.label') })).toBeVisible();
    expect(await checkAllWays('sign-out confirmation', panel, preview)).toEqual([]);
  });

  test('a stale list (last known calls and their age) and re-sign-in with its countdown', async ({ panel, preview }) => {
    await expect(panel.rows).toHaveCount(3);
    preview.sim.faults.add({ match: { path: 'holdlist' }, kind: 'http-error', status: 503, times: Infinity });
    await panel.page.keyboard.press('r');
    await expect(panel.page.locator('.list-note[data-freshness="stale"]')).toBeVisible();
    const problems = await checkAllWays('stale list', panel, preview);
    preview.sim.faults.clear();
    // Sign-in attempts are refused for a while, so the countdown stays on screen to be checked.
    preview.sim.faults.add({ match: { path: 'login' }, kind: 'http-error', status: 503, times: Infinity });
    preview.sim.script.forceSignOut(preview.agentId);
    await expect(panel.session.locator('.session-status')).toHaveText(/\d+ s\)$/, { timeout: 15_000 });
    problems.push(...(await checkAllWays('re-sign-in countdown', panel, preview)));
    expect(problems).toEqual([]);
  });
});

test.describe('signed out', () => {
  test.use({ previewOptions: { signIn: false } });
  test('the sign-in form, also with a refusal', async ({ panel, preview }) => {
    const form = panel.page.getByRole('form', { name: en.text('ui.signin.title') });
    await expect(form).toBeVisible();
    const problems = await checkAllWays('sign-in', panel, preview);
    await form.getByRole('button', { name: en.text('ui.signin.submit') }).click();
    await expect(form.getByRole('alert')).toBeVisible();
    problems.push(...(await checkAllWays('sign-in with an error', panel, preview)));
    expect(problems).toEqual([]);
  });
});

test.describe('first run', () => {
  test.use({ previewOptions: { configured: false } });
  test('the first-run screen and the settings it leads to', async ({ panel, preview }) => {
    await expect(panel.page.getByRole('button', { name: en.text('ui.demo.try') })).toBeVisible();
    const problems = await checkAllWays('first run', panel, preview);
    await panel.page.getByRole('button', { name: en.text('ui.setup.open-settings') }).click();
    await expect(panel.page.locator('details.connection')).toHaveAttribute('open', '');
    problems.push(...(await checkAllWays('settings, not configured', panel, preview)));
    expect(problems).toEqual([]);
  });
});

test.describe('nothing held', () => {
  test.use({ previewOptions: { seed: [] } });
  test('the empty list', async ({ panel, preview }) => {
    await expect(panel.page.getByText(en.text('ui.list.empty'), { exact: true })).toBeVisible();
    expect(await checkAllWays('empty list', panel, preview)).toEqual([]);
  });
});
