import { defineConfig } from "vitest/config";
import * as path from "node:path";

const root = path.resolve(__dirname, "..");

export default defineConfig({
  root,
  test: {
    include: ["tests/**/*.test.ts", "lib/**/*.test.ts"],
    // Kernel, notebook and browser tests start real processes; give them room without hiding hangs.
    testTimeout: 60_000,
    // The JSON report lets .ci/run print one plain "N passed, N failed" closing line.
    reporters: ["default", ["json", { outputFile: path.resolve(root, "tests/artifacts/vitest-report.json") }]],
    hookTimeout: 120_000,
    // Tests read the byte-exact mirror of the public data; nothing downloads during tests.
    env: {
      SCALINGLAB_DATA_MIRROR: process.env.SCALINGLAB_DATA_MIRROR ?? path.resolve(root, "../shared/datasets"),
      SCALINGLAB_CACHE_DIR: process.env.SCALINGLAB_CACHE_DIR ?? path.resolve(root, "tests/artifacts/cache"),
    },
  },
});
