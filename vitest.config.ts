import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Two cores here: more workers only fight over the CPU that Neo4j needs too.
    maxWorkers: 2,
    pool: "forks",
  },
});
