import { defineConfig } from '@playwright/test';
import { chromiumExecutable } from './e2e/chromium';

/**
 * End-to-end tests drive the real UI in Chromium against the headless host (started per test file by
 * the fixture in e2e/host.ts). Chromium comes from CHROMIUM_PATH, then /usr/bin/chromium, then
 * Playwright's own download if one exists.
 */
export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Two spec files at a time: each starts its own host (port 0, its own data directory), so they share
  // nothing; tests within a file run in order.
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    viewport: { width: 1600, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
