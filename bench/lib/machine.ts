import os from "node:os";
import type { Driver } from "neo4j-driver";
import { serverNodeFlags } from "./servers.js";

/** The machine a run was measured on: figures mean nothing without it. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  /** node's flags for our server (`npm start`'s, lib/servers.ts serverNodeFlags). */
  serverNodeFlags?: string[];
  neo4j: string;
  neo4jHeapMb: number;
  neo4jPageCacheMb: number;
  loadAverageAtStart: number[];
  loadAverageAtEnd?: number[];
}

export async function machineInfo(driver: Driver): Promise<MachineInfo> {
  const cpus = os.cpus();
  let neo4jVersion = "unknown";
  try {
    const result = await driver.executeQuery(
      "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition",
    );
    const row = result.records[0];
    if (row)
      neo4jVersion = `${String(row.get("name"))} ${(row.get("versions") as string[]).join(",")} ${String(row.get("edition"))}`;
  } catch {
    // reported as unknown
  }
  return {
    cpuModel: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    serverNodeFlags: serverNodeFlags(),
    neo4j: neo4jVersion,
    neo4jHeapMb: Number(process.env.BENCH_NEO4J_HEAP_MB ?? 4096),
    neo4jPageCacheMb: Number(process.env.BENCH_NEO4J_PAGECACHE_MB ?? 4096),
    loadAverageAtStart: os.loadavg().map((v) => Math.round(v * 100) / 100),
  };
}
