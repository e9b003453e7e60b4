import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // graphql 16 has no "exports" map: Node loads its CommonJS build, Vite would pick the "module" (.mjs) build.
    // Two copies break `instanceof GraphQLScalarType` inside type-graphql, so tests load what Node loads.
    alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }],
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Every API test starts real servers on port 0; forks keep their sockets and timers apart.
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 20_000,
    setupFiles: ["reflect-metadata"],
  },
});
