import { createHash } from "node:crypto";
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { DatasetSpec } from "../generate/datasets.js";
import { PROJECT_ROOT } from "./paths.js";

/**
 * A copy of the bench's store taken right after its datasets were loaded (issue 19 item 4: every run starts from a
 * store holding exactly the stated data). The measures that write add to the store; restoring the copy before each
 * run takes seconds where loading again takes minutes. The copy belongs to the data it holds: its key is the
 * datasets' specification and the source of everything that wrote them (the generator and the product's write path),
 * so a change to either loads afresh.
 */
export interface StoreSnapshot {
  /** `<data dir>.loaded`, beside the store. */
  dir: string;
  key: string;
}

/** What the loaded data depends on: the generator, the product's graph layer and EPCIS mapping, the launcher. */
const SOURCES = ["bench/generate", "src/graph", "src/epcis", "src/codes", "neo4j/pom.xml"];
const KEY_FILE = "snapshot-key.txt";
/** Files of the launcher that describe one run of it, not the data. */
const NOT_DATA = new Set(["launcher.pid", "launcher.log"]);

export function storeSnapshot(dataDir: string, specs: readonly DatasetSpec[], lotsPerBatch: number): StoreSnapshot {
  const hash = createHash("sha256");
  hash.update(JSON.stringify({ specs, lotsPerBatch }));
  for (const source of SOURCES) hashTree(hash, path.join(PROJECT_ROOT, source));
  return { dir: `${path.resolve(PROJECT_ROOT, dataDir)}.loaded`, key: hash.digest("hex") };
}

/** True when the copy holds this key's data. */
export function snapshotMatches(snapshot: StoreSnapshot): boolean {
  const file = path.join(snapshot.dir, KEY_FILE);
  return existsSync(file) && readFileSync(file, "utf8").trim() === snapshot.key;
}

/** Replaces the (stopped) store with the copy. */
export function restoreSnapshot(snapshot: StoreSnapshot, dataDir: string): void {
  const store = path.resolve(PROJECT_ROOT, dataDir);
  rmSync(store, { recursive: true, force: true });
  cpSync(snapshot.dir, store, { recursive: true, filter: (from) => path.basename(from) !== KEY_FILE });
}

/** Copies the (stopped) store as this key's snapshot, replacing any older one. */
export function saveSnapshot(snapshot: StoreSnapshot, dataDir: string): void {
  const store = path.resolve(PROJECT_ROOT, dataDir);
  rmSync(snapshot.dir, { recursive: true, force: true });
  cpSync(store, snapshot.dir, { recursive: true, filter: (from) => !NOT_DATA.has(path.basename(from)) });
  writeFileSync(path.join(snapshot.dir, KEY_FILE), `${snapshot.key}\n`);
}

export function removeSnapshot(dataDir: string): void {
  rmSync(`${path.resolve(PROJECT_ROOT, dataDir)}.loaded`, { recursive: true, force: true });
}

function hashTree(hash: ReturnType<typeof createHash>, file: string): void {
  if (!existsSync(file)) return;
  if (statSync(file).isDirectory()) {
    for (const name of readdirSync(file).sort()) hashTree(hash, path.join(file, name));
    return;
  }
  hash.update(path.relative(PROJECT_ROOT, file));
  hash.update(readFileSync(file));
}
