import { defineConfig } from "vitest/config";

// Unit tests of pure logic (no server): test/**/*.test.ts. Integration tests: vitest.integration.config.ts.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    environment: "node",
  },
});
