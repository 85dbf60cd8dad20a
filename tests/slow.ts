/**
 * Tests that take seconds of CPU (the 4,500-start grid, 4,000 bootstrap resamples, the 17-domain fits) run in
 * `npm test` and are skipped by `npm run test:unit`, which sets SCALINGLAB_SKIP_SLOW so the fast tier stays short.
 */
import { describe, it } from "vitest";

const skip = !!process.env.SCALINGLAB_SKIP_SLOW;
export const slowIt: typeof it = skip ? it.skip : it;
export const slowDescribe: typeof describe = skip ? describe.skip : describe;
