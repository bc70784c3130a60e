import { defineConfig } from '@playwright/test';

// Two projects: `web` drives the real renderer in Debian's Chromium through the browser preview
// (electron/preview/server.ts); `electron` drives the packaged app and needs no browser here.
// Browsers cannot be downloaded on the build machines, hence Debian's Chromium by default;
// CHROMIUM_PATH points elsewhere (the release workflow's runners, which download Playwright's).
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // Each worker starts its own simulator and preview; two workers suit a 2-core machine.
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  outputDir: 'test-results/artifacts',
  projects: [
    {
      name: 'web',
      testDir: 'tests/e2e-web',
      use: {
        browserName: 'chromium',
        headless: true,
        viewport: { width: 360, height: 480 },
        launchOptions: { executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS },
        trace: 'retain-on-failure',
      },
    },
    {
      name: 'electron',
      testDir: 'tests/e2e-electron',
      timeout: 90_000,
    },
  ],
});
