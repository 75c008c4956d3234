import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Child-process interop tests spawn Node processes; two cores, so keep forks modest.
    pool: "forks",
  },
});
