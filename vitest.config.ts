import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = fileURLToPath(new URL("./src/", import.meta.url));

export default defineConfig({
  // Tests import "mcpkit" and "mcpkit/<subpath>" as users do, resolved to the sources.
  resolve: {
    alias: [
      { find: /^mcpkit$/, replacement: `${src}index.ts` },
      { find: /^mcpkit\/(node|express|fastify|hono)$/, replacement: `${src}adapters/$1.ts` },
      { find: /^mcpkit\/(.*)$/, replacement: `${src}$1/index.ts` },
    ],
  },
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Child-process interop tests spawn Node processes; two cores, so keep forks modest.
    pool: "forks",
  },
});
