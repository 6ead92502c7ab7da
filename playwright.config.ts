import { defineConfig } from "@playwright/test";
import { execFileSync } from "node:child_process";
import path from "node:path";

/**
 * The test server's port: `E2E_PORT` (or `PORT`) when given, else a port free at start, asked of the
 * system, so another server on the machine (a developer's `npm start` on 3000, another run) never
 * collides with it. The runner loads this file again in each worker: the choice goes into the
 * environment, which workers inherit, so all of them talk to the same server.
 */
function freePort(): number {
  const script = "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
}
process.env.E2E_PORT ??= process.env.PORT ?? String(freePort());
const port = Number(process.env.E2E_PORT);
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
      // The benchmark's floor page (app/bench/floor) exists, so the route test opens it like any page.
      BANLI_BENCH: "1",
    },
  },
});
