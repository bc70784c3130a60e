// Long held lists in the real panel: folded above a visible limit ("+N more", by keyboard too),
// rows that stay untouched when other calls come and go, and a list the gateway listed longer than
// the app reads shown with a note, never as empty.
import { MAX_HOLDLIST_ITEMS } from '../../electron/core/envelope';
import type { SeedCall } from '../../electron/simulator/index';
import { en, expect, test } from './fixtures';

const VISIBLE_ROWS = 50;
const seed = (n: number): SeedCall[] => Array.from({ length: n }, (_, i) => ({ caller: `0400${String(i).padStart(4, '0')}`, called: '4001', callskill: 'Bulk' }));

test.describe('120 held calls', () => {
  test.use({ previewOptions: { seed: seed(120) } });

  test('shows the first rows and "+N more", which opens more by keyboard', async ({ panel, preview }) => {
    await expect(panel.rows).toHaveCount(VISIBLE_ROWS);
    const more = panel.page.locator('button.more');
    await expect(more).toHaveText(en.text('ui.list.more', { count: 70 }));
    await expect(panel.page.locator('ul.held-list')).toHaveAttribute('aria-label', en.text('ui.list.count', { count: 120 }));
    expect(await panel.callers()).toEqual(preview.app.listCalls().calls.slice(0, VISIBLE_ROWS).map((c) => c.caller));

    // Down from the last row reaches the button; Enter opens the next rows and moves to the first of them.
    await panel.rows.nth(VISIBLE_ROWS - 1).locator('button.resume').focus();
    await panel.page.keyboard.press('ArrowDown');
    await expect(more).toBeFocused();
    await panel.page.keyboard.press('Enter');
    await expect(panel.rows).toHaveCount(100);
    await expect(panel.rows.nth(VISIBLE_ROWS).locator('button.resume')).toBeFocused();
    await expect(more).toHaveText(en.text('ui.list.more', { count: 20 }));
    await panel.page.keyboard.press('ArrowUp');
    await expect(panel.rows.nth(VISIBLE_ROWS - 1).locator('button.resume')).toBeFocused();
  });

  test('a new hold or a hang-up elsewhere leaves the other rows untouched', async ({ panel, preview }) => {
    await expect(panel.rows).toHaveCount(VISIBLE_ROWS);
    // Mark the row elements and record every change inside them, except the ticking timers.
    await panel.page.evaluate(() => {
      const w = window as unknown as { __touched: string[] };
      w.__touched = [];
      document.querySelectorAll<HTMLElement>('li.row').forEach((row) => ((row as unknown as { __mark: boolean }).__mark = true));
      new MutationObserver((records) => {
        for (const r of records) {
          const el = r.target instanceof Element ? r.target : r.target.parentElement;
          if (el?.closest('.timer')) continue;
          w.__touched.push(`${el?.closest('li.row')?.getAttribute('data-callid') ?? el?.tagName} ${r.type} ${r.attributeName ?? ''}`.trim());
        }
      }).observe(document.querySelector('ul.held-list')!, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    const calls = preview.app.listCalls().calls;
    // The newest goes to the bottom (longest wait first), beyond the fold; hang up one that is shown.
    preview.sim.script.holdNew(preview.agentId, { caller: '09999', called: '4001' });
    preview.sim.script.customerHangsUp(preview.agentId, calls[10]!.callid);
    await expect(panel.page.locator('button.more')).toHaveText(en.text('ui.list.more', { count: 70 }));
    await expect(panel.row(calls[10]!.callid)).toHaveCount(0);
    const { touched, marked } = await panel.page.evaluate(() => ({
      touched: (window as unknown as { __touched: string[] }).__touched,
      marked: [...document.querySelectorAll('li.row')].filter((row) => (row as unknown as { __mark?: boolean }).__mark).length,
    }));
    // The same elements are still there (keyed): one row out, one in from below the fold.
    expect(marked).toBe(VISIBLE_ROWS - 1);
    const inRows = touched.filter((t) => !t.startsWith('UL '));
    // Rows above the hang-up: not touched at all. Rows below it moved up one place: only their
    // label (which says the position) changed, nothing inside them.
    const above = new Set(calls.slice(0, 10).map((c) => c.callid));
    expect(inRows.filter((t) => above.has(t.split(' ')[0]!))).toEqual([]);
    expect(inRows.every((t) => t.endsWith(' attributes aria-label'))).toBe(true);
    expect(inRows.length).toBeLessThanOrEqual(VISIBLE_ROWS - 11);
  });
});

test.describe(`a gateway listing more than ${MAX_HOLDLIST_ITEMS} held calls`, () => {
  test.use({ previewOptions: { seed: seed(MAX_HOLDLIST_ITEMS + 5) } });

  test('shows the first ones with a note, never an empty list', async ({ panel }) => {
    await expect(panel.rows).toHaveCount(VISIBLE_ROWS);
    await expect(panel.page.locator('.list-note')).toHaveText(en.text('list.truncated', { total: MAX_HOLDLIST_ITEMS + 5, shown: MAX_HOLDLIST_ITEMS }));
    await expect(panel.page.locator('.titlebar .count')).toHaveText(en.number(MAX_HOLDLIST_ITEMS));
    await expect(panel.page.getByText(en.text('ui.list.empty'))).toHaveCount(0);
  });
});
