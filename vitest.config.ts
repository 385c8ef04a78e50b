import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql ships CJS (main) and ESM (module). Node and the CJS libraries (type-graphql) load the CJS copy; Vite
    // would pick the ESM one for our sources, and two copies of graphql refuse each other's types.
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
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
