// Writes schema.graphql from the code. The drift test (test/unit/schema-drift.test.ts) fails when it is stale.
import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { buildAppSchema, printAppSchema } from "../src/server/schema.js";

const sdl = printAppSchema(await buildAppSchema());
writeFileSync(new URL("../schema.graphql", import.meta.url), sdl);
console.log(`schema.graphql written (${sdl.split("\n").length} lines)`);
