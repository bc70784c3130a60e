// Fixtures for the web end-to-end tests: a fresh simulator + real app service + preview server
// per test (port 0, in-process), the renderer bundle built once per worker, and a panel page.
import { rm } from 'node:fs/promises';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
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
    this.status = page.locator('footer[aria-live="polite"]');
    this.session = page.getByRole('region', { name: 'Session' });
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
}

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
