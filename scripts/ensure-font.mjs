#!/usr/bin/env node
// Makes sure the CJK font for label sheets (GET /batches/{id}/labels.pdf) is installed: Debian's
// fonts-droid-fallback, or the TrueType file named by LABEL_FONT. Installs the package with apt-get when the font is
// missing and we run as root; otherwise explains what to do and exits non-zero. Safe to run again and again.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const DEFAULT_FONT = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf";
const PACKAGE = "fonts-droid-fallback";
const fontPath = process.env.LABEL_FONT?.trim() || DEFAULT_FONT;

function fail(message) {
  console.error(`ensure-font: ${message}`);
  process.exit(1);
}

function run(command, args) {
  console.log(`ensure-font: running ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (result.error) fail(`could not run ${command}: ${result.error.message}`);
  return result.status === 0;
}

if (existsSync(fontPath)) {
  console.log(`ensure-font: label font present at ${fontPath}`);
  process.exit(0);
}
if (fontPath !== DEFAULT_FONT) {
  fail(`LABEL_FONT=${fontPath} does not exist; point it at an installed TrueType font with Chinese glyphs`);
}
if (typeof process.getuid !== "function" || process.getuid() !== 0) {
  fail(`label font ${fontPath} is missing; install it as root: apt-get update && apt-get install -y ${PACKAGE}`);
}
if (spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status !== 0) {
  fail(`label font ${fontPath} is missing and apt-get is not available; install ${PACKAGE} or set LABEL_FONT`);
}
console.log(`ensure-font: label font ${fontPath} is missing; installing ${PACKAGE}`);
// The package lists may be absent on a fresh machine: try as is first, update and retry only if that fails.
if (!run("apt-get", ["install", "-y", "--no-install-recommends", PACKAGE])) {
  if (!run("apt-get", ["update"])) fail("apt-get update failed; see the output above");
  if (!run("apt-get", ["install", "-y", "--no-install-recommends", PACKAGE])) {
    fail(`apt-get install ${PACKAGE} failed; see the output above`);
  }
}
if (!existsSync(fontPath)) fail(`${PACKAGE} is installed but ${fontPath} is still missing`);
console.log(`ensure-font: installed ${fontPath}`);
