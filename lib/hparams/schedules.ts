/** `hparams.schedules`: learning-rate schedules as factors of the peak LR, per step. */
import { cosineFactor, cosineSchedule } from "./cosine";
import { COOLDOWN_SHAPES, warmupFactor, wsdFactor, wsdSchedule } from "./wsd";

/**
 * Learning-rate schedules: `wsd` (warmup–stable–decay with every cooldown shape of Hägele et al.), `cosine`
 * (with the same linear warmup), `warmup(step, { warmup, initDiv? })`. Each schedule has `factor(step, options)`
 * (multiplier of the peak LR) and `schedule(options)` (one LR per step).
 * @example hparams.schedules.wsd.schedule({ total: 4, fractDecay: 0.5, peakLR: 2 }) // => [2, 2, 2, 1]
 */
export const schedules = {
  wsd: { factor: wsdFactor, schedule: wsdSchedule, cooldownShapes: COOLDOWN_SHAPES },
  cosine: { factor: cosineFactor, schedule: cosineSchedule },
  warmup: warmupFactor,
} as const;
