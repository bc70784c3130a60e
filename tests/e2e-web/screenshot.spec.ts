// The README's picture of the panel, taken from the real bundle against the simulator:
// three held calls, one past the warning threshold and one past the alert threshold.
import type { Clock } from '../../electron/core/clock';
import { expect, test } from './fixtures';

/** Wall time shifted back by `ago`: a call first seen while it is set was "held that long ago". */
let agoMs = 0;
const stagingClock: Clock = {
  now: () => Date.now() - agoMs,
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

test.use({
  previewOptions: {
    seed: [{ caller: '07700900123', called: '4001', callskill: 'Billing', callfeature: 0 }],
    clientOptions: { clock: stagingClock },
    settings: { warnAfterSec: 60, alertAfterSec: 180 },
  },
});

test.beforeAll(() => {
  agoMs = 205_000; // the seeded call, seen at sign-in
});

test('panel screenshot for the docs: 3 held calls, one amber, one red', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(1);
  agoMs = 98_000;
  preview.sim.script.holdNew(preview.agentId, { caller: '+442079460958', called: '4002', callskill: 'Support', callfeature: 0 });
  await expect(panel.rows).toHaveCount(2);
  agoMs = 12_000;
  preview.sim.script.holdNew(preview.agentId, { caller: '0161496000', called: '4001', callskill: 'Sales', callfeature: 7 });
  await expect(panel.rows).toHaveCount(3);
  agoMs = 0;

  await expect(panel.rows.nth(0)).toHaveAttribute('data-level', 'alert');
  await expect(panel.rows.nth(1)).toHaveAttribute('data-level', 'warn');
  await expect(panel.rows.nth(2)).toHaveAttribute('data-level', 'ok');
  await expect(panel.session).toContainText('Signed in');
  // Hold events carry no skill; the list fills it in from the gateway's hold list shortly after.
  await expect(panel.rows.locator('.skill')).toHaveCount(3);
  await panel.page.mouse.move(0, 0);
  // Every run takes the screenshots; UPDATE_DOCS=1 stores them as the README's current ones
  // (otherwise each test run would rewrite tracked images with a second's timer difference).
  const dir = process.env.UPDATE_DOCS === '1' ? 'docs' : 'test-results/screenshots';
  await panel.page.screenshot({ path: `${dir}/panel.png` });
  await panel.page.emulateMedia({ colorScheme: 'dark' });
  await panel.page.screenshot({ path: `${dir}/panel-dark.png` });
});
