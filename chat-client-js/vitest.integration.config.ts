import { defineConfig } from "vitest/config";

// Integration tests against the real demo server (it/globalSetup.ts starts it from the built jar).
export default defineConfig({
  test: {
    include: ["it/**/*.it.test.ts", "it/**/*.it.test.tsx"],
    globalSetup: ["it/globalSetup.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
