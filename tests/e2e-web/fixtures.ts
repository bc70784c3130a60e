// Fixtures for the web end-to-end tests: a fresh simulator + real app service + preview server
// per test (port 0, in-process), the renderer bundle built once per worker, and a panel page.
import { rm } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import type { Clock } from '../../electron/core/clock';
import { createTranslator, type Locale } from '../../shared/i18n';
import { buildPreviewAssets } from '../../electron/preview/build';
import { startPreview, type Preview, type PreviewOptions } from '../../electron/preview/server';

export interface PanelFixtures {
  previewOptions: PreviewOptions;
  preview: Preview;
  panel: Panel;
}

export class Panel {
  readonly rows: Locator;
  readonly errorBanner: Locator;
  readonly status: Locator;
  readonly session: Locator;
  readonly cspViolations: string[] = [];

  constructor(readonly page: Page) {
    this.rows = page.locator('li.row');
    this.errorBanner = page.locator('.error-banner');
    this.status = page.locator('footer [aria-live="polite"]');
    this.session = page.locator('section.session-bar');
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text()) && !/frame-ancestors/.test(message.text())) this.cspViolations.push(message.text());
    });
  }

  row(callid: string): Locator {
    return this.page.locator(`li.row[data-callid="${callid}"]`);
  }

  /** Caller numbers as listed, top first. */
  async callers(): Promise<string[]> {
    return this.rows.locator('.caller').allTextContents();
  }

  /** Every text the polite live region has shown since this was called, in order. */
  async recordAnnouncements(): Promise<() => Promise<string[]>> {
    await this.page.evaluate(() => {
      const region = document.querySelector('footer [aria-live="polite"]')!;
      const seen: string[] = [];
      (globalThis as unknown as { __said: string[] }).__said = seen;
      new MutationObserver(() => {
        const text = region.textContent ?? '';
        if (text) seen.push(text);
      }).observe(region, { childList: true, subtree: true, characterData: true });
    });
    return () => this.page.evaluate(() => [...(globalThis as unknown as { __said: string[] }).__said]);
  }

  /** axe-core's WCAG 2.2 A/AA checks (and best practices) on the page as it is now. */
  async axeViolations(): Promise<string[]> {
    const results = await new AxeBuilder({ page: this.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
    return results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
}

/** What the panel says in English: tests assert the catalogue's words, never a copy of them. */
export const en = createTranslator('en');
export const zh = createTranslator('zh-CN');
export const translator = (locale: Locale) => createTranslator(locale);

export const test = base.extend<PanelFixtures, { assetsDir: string }>({
  assetsDir: [
    async ({}, use) => {
      const dir = await buildPreviewAssets();
      await use(dir);
      await rm(dir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  previewOptions: [{}, { option: true }],
  preview: async ({ assetsDir, previewOptions }, use) => {
    // The tests drive the hotkey path and the simulator through the test-only routes.
    const preview = await startPreview({ assetsDir, testRoutes: true, ...previewOptions });
    await use(preview);
    await preview.close();
  },
  panel: async ({ page, preview }, use) => {
    const panel = new Panel(page);
    // The URL carries the run's key; the preview swaps it for a cookie and reloads at `/`.
    await page.goto(preview.url);
    await page.waitForURL(`${preview.origin}/`);
    await use(panel);
    expect(panel.cspViolations, 'no CSP violations').toEqual([]);
  },
});

export { expect };

/** The simulator's view of the agent's calls, by callid. */
export function simCall(preview: Preview, callid: string) {
  return preview.sim.script.calls(preview.agentId).find((c) => c.callid === callid);
}

/**
 * A gateway-client clock that runs behind wall time by `agoMs`: a call first seen while it is set
 * counts as held that long ago, so one panel can show an ok, an amber and a red row at once.
 */
export function stagingClock(): { clock: Clock; setAgo(ms: number): void } {
  let agoMs = 0;
  return {
    clock: {
      now: () => Date.now() - agoMs,
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    },
    setAgo: (ms) => {
      agoMs = ms;
    },
  };
}

/** Three calls held 3:25 (red), 1:38 (amber) and 0:12, with the default thresholds 60 s and 180 s. */
export async function stageThreeLevels(panel: Panel, preview: Preview, setAgo: (ms: number) => void): Promise<void> {
  await expect(panel.rows).toHaveCount(1);
  setAgo(98_000);
  preview.sim.script.holdNew(preview.agentId, { caller: '+442079460958', called: '4002', callskill: 'Support', callfeature: 0 });
  await expect(panel.rows).toHaveCount(2);
  setAgo(12_000);
  preview.sim.script.holdNew(preview.agentId, { caller: '0161496000', called: '4001', callskill: 'Sales', callfeature: 7 });
  await expect(panel.rows).toHaveCount(3);
  setAgo(0);
  await expect(panel.rows.nth(0)).toHaveAttribute('data-level', 'alert');
  await expect(panel.rows.nth(1)).toHaveAttribute('data-level', 'warn');
  await expect(panel.rows.nth(2)).toHaveAttribute('data-level', 'ok');
  // Hold events carry no skill; the list fills it in from the gateway's hold list shortly after.
  await expect(panel.rows.locator('.skill')).toHaveCount(3);
}

/** Switch the panel's language the way the Settings view does (a committed setting). */
export async function useLanguage(panel: Panel, preview: Preview, language: 'en' | 'zh-CN' | 'system'): Promise<void> {
  preview.app.settings.commit({ language });
  if (language !== 'system') await expect(panel.page.locator('html')).toHaveAttribute('lang', language);
}
