// The README's pictures of the panel, taken from the real bundle against the simulator:
// three held calls, one past the warning threshold and one past the alert threshold, in English
// (light and dark) and in Simplified Chinese.
import { expect, stageThreeLevels, stagingClock, test, useLanguage, zh } from './fixtures';

const staging = stagingClock();

test.use({
  previewOptions: {
    seed: [{ caller: '07700900123', called: '4001', callskill: 'Billing', callfeature: 0 }],
    clientOptions: { clock: staging.clock },
    settings: { warnAfterSec: 60, alertAfterSec: 180 },
  },
});

test.beforeAll(() => {
  staging.setAgo(205_000); // the seeded call, seen at sign-in
});

test('panel screenshots for the docs: 3 held calls, one amber, one red; English and Chinese', async ({ panel, preview }) => {
  await stageThreeLevels(panel, preview, staging.setAgo);
  await expect(panel.session).toContainText('Signed in');
  await panel.page.mouse.move(0, 0);
  // Every run takes the screenshots; UPDATE_DOCS=1 stores them as the README's current ones
  // (otherwise each test run would rewrite tracked images with a second's timer difference).
  const dir = process.env.UPDATE_DOCS === '1' ? 'docs' : 'test-results/screenshots';
  await panel.page.screenshot({ path: `${dir}/panel.png` });
  await panel.page.emulateMedia({ colorScheme: 'dark' });
  await panel.page.screenshot({ path: `${dir}/panel-dark.png` });
  await panel.page.emulateMedia({ colorScheme: 'light' });
  await useLanguage(panel, preview, 'zh-CN');
  await expect(panel.session).toContainText(zh.text('ui.session.signed-in'));
  await expect(panel.rows.first().getByRole('button', { name: zh.text('ui.row.resume') })).toBeVisible();
  await panel.page.screenshot({ path: `${dir}/panel-zh-CN.png` });
});
