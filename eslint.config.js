import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["dist/**", "node_modules/**", "neo4j/**", ".neo4j-data/**", "bench/neo4j-graphql/**", "bench/results/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    files: ["scripts/**/*.mjs"],
    languageOptions: { globals: { console: "readonly", process: "readonly", setTimeout: "readonly" } },
  },
  // Layers (src/README.md): entry points (server, cli) -> resolvers -> domain services -> graph -> Neo4j, with codes
  // pure at the bottom and root (the composition root) wiring them. Nothing below may import what sits above it.
  ...layerRules(),
);

/** `no-restricted-imports` per layer: each pattern names a folder the layer may not import from. */
function layerRules() {
  const above = (...folders) =>
    folders.flatMap((folder) => [`**/src/${folder}/**`, `../${folder}/*`, `../../${folder}/*`, `../../../${folder}/*`]);
  const entry = ["server", "cli"];
  const domain = [
    "access",
    "trace",
    "recall",
    "diversion",
    "producer",
    "registry",
    "epcis",
    "consumer",
    "labels",
    "csv",
    "paging",
    "terminal",
    "jobs",
    "json",
    "research",
    "aftersales",
    "report",
  ];
  const layer = (files, forbidden, message, allowTypeImports = false) => ({
    files,
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: above(...forbidden), message, allowTypeImports }] }],
    },
  });
  return [
    layer(
      ["src/codes/**/*.ts"],
      ["graph", "resolvers", "server", "cli", "root", ...domain],
      "src/codes is pure: it imports nothing of ours.",
    ),
    layer(
      ["src/graph/**/*.ts", "src/errors/**/*.ts"],
      ["resolvers", "server", "cli", "root"],
      "src/graph sits below the resolvers, the server and the composition root.",
    ),
    layer(
      domain.map((folder) => `src/${folder}/**/*.ts`),
      ["resolvers", "server", "cli", "root"],
      "Domain folders sit below the resolvers, the server and the composition root.",
    ),
    layer(
      ["src/resolvers/**/*.ts"],
      ["graph", ...entry],
      "Resolvers call domain services; they never reach the graph layer or an entry point.",
    ),
    layer(
      ["src/root/**/*.ts"],
      ["resolvers", ...entry],
      "The composition root builds services; it knows no GraphQL and no entry point.",
    ),
    layer(
      ["src/server/**/*.ts"],
      ["cli", "graph"],
      "The server reaches the graph only through the composition root and the services.",
    ),
  ];
}
