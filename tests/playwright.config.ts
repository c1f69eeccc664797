import { defineConfig } from '@playwright/test';

/**
 * The renderer in Debian's Chromium (/usr/bin/chromium: Playwright's own browser download is
 * not reachable here), wired to a real core on a temp database (tests/support/ui.ts).
 * The `electron` project holds the few checks that need a real Electron window.
 */
/**
 * The desk's days are Beijing's: the browser runs in Asia/Shanghai (use.timezoneId below), and so
 * does the core the tests drive in Node. Without this, between 16:00 and 24:00 UTC the page is
 * already on tomorrow while the test's own "today" is still yesterday, and day-based checks fail.
 * (The config is read by the runner and by every worker, so both take it.)
 */
process.env.TZ = 'Asia/Shanghai';

export default defineConfig({
  testDir: './ui',
  outputDir: '../test-results/ui',
  globalSetup: './ui/global-setup.ts',
  // Two shared cores: one browser at a time keeps the timings sane for everyone on the machine.
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never', outputFolder: '../test-results/ui-report' }]],
  use: {
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1680, height: 945 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu', '--no-first-run'],
      // Without a UTF-8 locale (a bare CI environment) Chromium cannot name a download 物资-….csv and calls it "download".
      env: { ...process.env, LANG: process.env.LANG || 'C.UTF-8' },
    },
  },
  projects: [
    { name: 'chromium', testIgnore: 'electron/**' },
    { name: 'electron', testDir: './ui/electron' },
  ],
});
