import type { Driver } from "neo4j-driver";
import type { Executor } from "../../src/graph/executor.js";
import type { Services } from "../../src/root/services.js";
import type { ChainRoots } from "../generate/supply-chain.js";
import type { DatasetSpec, Mode } from "../generate/datasets.js";
import type { BenchDb } from "./bench-db.js";
import type { RunningServer } from "./servers.js";

/** Everything a measure needs: the servers, a raw driver, the dataset roots and the run's repetition counts. */
export interface BenchContext {
  mode: Mode;
  db: BenchDb;
  /** Raw driver for baselines (and PROFILE), never shared with our server. */
  driver: Driver;
  /** The product's executor in this process, for the FlowWriterRepository paths. */
  executor: Executor;
  /** The product's services in this process: the exports' live-heap check runs them here, with collections forced. */
  services: Services;
  ours: RunningServer;
  /** `Bearer <key>` of a MANUFACTURER key for roots.dag.productLotMaker: the scoped reads (API-CONTRACT §6). */
  makerAuthorization: string;
  /** `Bearer <key>` of an ADMIN API key: the operator's side of the scoped comparisons, looked up like the maker's. */
  adminKeyAuthorization: string;
  neo4jGraphql: RunningServer | undefined;
  datasets: DatasetSpec[];
  roots: { tree: ChainRoots; dag: ChainRoots };
  reps: { warmup: number; runs: number };
  /** Mutation and query fields of our schema, to know which ingestion paths exist yet. */
  capabilities: Set<string>;
  seed: number;
  /** Run-unique stamp for data that must be fresh on every run (ingest, codes, scans). */
  stamp: string;
  absolute: Record<string, unknown>;
  log: (line: string) => void;
}
