// Loaded after tsx (`node --import tsx --import ./bench/lib/disable-source-maps.mjs ...`): tsx turns source maps on,
// which makes every `new Error().stack` expensive, and neo4j-driver captures a stack for every query it runs. A
// deployed server runs compiled JavaScript without source maps (`npm start`), so the benchmark measures it that way.
import process from "node:process";

process.setSourceMapsEnabled(false);
