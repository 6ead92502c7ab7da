import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "tests/server-only-stub.ts"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    // Whole-session checks (supervision figures, every viewer × every proposal) take 2–3 s on an idle
    // 2-core machine; under load (a build beside them) several times that. The limit is for a hang,
    // not a speed check: performance is measured by benchmarks, never by test timeouts.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Keys for TOTP sealing and the audit chain are derived from the server secret.
    env: { NEXTAUTH_SECRET: "vitest-only-not-a-secret" },
  },
});
