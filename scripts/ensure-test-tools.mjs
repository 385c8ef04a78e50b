#!/usr/bin/env node
// Makes sure the programs the tests drive are installed, from Debian's packages:
//   pdftoppm (poppler-utils)  renders label PDFs at a thermal printer's 203 dpi, whose QR symbols the tests decode;
//   chromium                  the browser playwright-core drives (playwright-core never downloads a browser of its
//                             own: npm ci installs no browser, and tests launch this one by its path).
// Installs what is missing with apt-get when we run as root; otherwise explains what to do and exits non-zero.
// Safe to run again and again. CHROMIUM_PATH names another Chromium binary to use instead of Debian's.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const TOOLS = [
  { name: "pdftoppm", path: "/usr/bin/pdftoppm", pkg: "poppler-utils" },
  { name: "chromium", path: process.env.CHROMIUM_PATH?.trim() || "/usr/bin/chromium", pkg: "chromium" },
];

function fail(message) {
  console.error(`ensure-test-tools: ${message}`);
  process.exit(1);
}

function run(command, args) {
  console.log(`ensure-test-tools: running ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (result.error) fail(`could not run ${command}: ${result.error.message}`);
  return result.status === 0;
}

const missing = TOOLS.filter((tool) => !existsSync(tool.path));
for (const tool of TOOLS)
  if (!missing.includes(tool)) console.log(`ensure-test-tools: ${tool.name} present at ${tool.path}`);
if (missing.length === 0) process.exit(0);

const custom = missing.find((tool) => tool.name === "chromium" && tool.path !== "/usr/bin/chromium");
if (custom) fail(`CHROMIUM_PATH=${custom.path} does not exist; point it at an installed Chromium binary`);
const packages = missing.map((tool) => tool.pkg);
if (typeof process.getuid !== "function" || process.getuid() !== 0) {
  fail(
    `missing ${missing.map((t) => t.path).join(", ")}; install as root: apt-get update && apt-get install -y ${packages.join(" ")}`,
  );
}
if (spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status !== 0) {
  fail(`missing ${missing.map((t) => t.path).join(", ")} and apt-get is not available; install ${packages.join(" ")}`);
}
console.log(`ensure-test-tools: installing ${packages.join(" ")}`);
const install = ["install", "-y", "--no-install-recommends", ...packages];
// The package lists may be absent on a fresh machine: try as is first, update and retry only if that fails.
if (!run("apt-get", install)) {
  if (!run("apt-get", ["update"])) fail("apt-get update failed; see the output above");
  if (!run("apt-get", install)) fail(`apt-get install ${packages.join(" ")} failed; see the output above`);
}
for (const tool of missing) {
  if (!existsSync(tool.path)) fail(`${tool.pkg} is installed but ${tool.path} is still missing`);
  console.log(`ensure-test-tools: installed ${tool.path}`);
}
