/**
 * Tests that take seconds of CPU (the 4,500-start grid, 4,000 bootstrap resamples) run in `npm test` and are
 * skipped by `npm run test:unit`, which sets SCALINGLAB_SKIP_SLOW so the library's fast tier stays under a minute.
 */
import { it } from "vitest";

export const slowIt: typeof it = process.env.SCALINGLAB_SKIP_SLOW ? it.skip : it;
