import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/**
 * The trace explorer (issue 17): built by `npm run build` into dist/app, served by the API server at /app. TSX is
 * compiled by Vite's own transformer (automatic JSX runtime): no framework plugin needed for a production build.
 */
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/app/",
  oxc: { jsx: { runtime: "automatic" } },
  build: {
    outDir: fileURLToPath(new URL("../dist/app", import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // Only this page's own files: nothing is fetched from elsewhere at run time.
    assetsInlineLimit: 0,
  },
  logLevel: "warn",
});
