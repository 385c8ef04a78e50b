import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { chromium, type Browser } from "playwright-core";

/** Debian's chromium package: the browser the end-to-end tests drive (never a downloaded build). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Fails, with what to do, when the browser is missing: these tests are never skipped. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `the end-to-end tests drive Debian's chromium at ${CHROMIUM}, which is missing: install it with ` +
        "`apt-get install -y chromium` (as root), or set CHROMIUM_PATH to a Chromium binary",
    );
  }
}

export async function launchChromium(): Promise<Browser> {
  requireChromium();
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
  });
}

/** Builds the explorer (app/) into dist/app as `npm run build` does, so the test drives the current sources. */
export function buildExplorer(extraArgs: string[] = []): void {
  const result = spawnSync(process.execPath, ["node_modules/vite/bin/vite.js", "build", "app", ...extraArgs], {
    stdio: "inherit",
    timeout: 170_000,
  });
  if (result.status !== 0) throw new Error("`vite build app` failed: the trace explorer could not be built");
}
