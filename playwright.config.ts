import { defineConfig } from "@playwright/test";
import path from "node:path";

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;

/**
 * Browser journeys against the production build (`next build` runs first in `npm run test:e2e`),
 * served by `next start` on a fresh database. One worker: SQLite and two cores.
 */
export default defineConfig({
  testDir: "e2e",
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  webServer: {
    command: "npx tsx scripts/start.ts --fresh --journey",
    url: `${baseURL}/login`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    env: {
      PORT: String(port),
      HOSTNAME_BIND: "127.0.0.1",
      BANLI_DATA_DIR: "e2e/.data",
      NEXTAUTH_URL: baseURL,
      // Lets a test move the server's clock (lib/clock.ts); absent file, real time.
      BANLI_TEST_CLOCK_FILE: path.resolve("e2e/.data/test-clock"),
      // Every journey signs in from 127.0.0.1, dozens of times in a few minutes: lift the per-address
      // sign-in limit (lib/rate-limit.ts) well above that. The other limits keep their defaults.
      BANLI_RATE_LOGIN: "1000/60",
    },
  },
});
