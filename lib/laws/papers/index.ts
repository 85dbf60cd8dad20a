/**
 * Every paper of the seed list without a law elsewhere, as a law or a card, in topic groups (laws.papers.<topic>).
 * `coverage` maps each of the 69 seed papers to its one catalogue entry, new or existing.
 */
import { abnarSparsity, upcycling } from "./moe";
import { architectures, beyondBackprop, gemstones, misfitting, moreCompute, reducedScale, rethinking, trainableParams } from "./pretraining-loss";
import { cpp, elusive, fineLine, inverseScaling, isik, ivgi, passUntil, performanceLaw, sloth } from "./downstream";
import { crossLingualCpt, finetuneJoint, rectified } from "./finetuning";
import { dataDecide, qualityData, sorscherPruning } from "./data";
import { chertiClip, ditScaling, latentDiffusion, t2iScalability, videoDit, zhaiVit } from "./vision-multimodal";
import { hstu, multilingualNmt, timeSeries, valueBasedRl, wukong } from "./other-domains";
import { dynamicalModel, knowledgeCapacity, lotteryTicket, modelCollapse, solvableModel } from "./theory";

export { coverage, type PaperCoverage } from "./coverage";

/** LM pre-training loss: surveys, architecture/method comparisons, negative results. */
export const pretrainingLoss = { misfitting, rethinking, gemstones, architectures, beyondBackprop, trainableParams, reducedScale, moreCompute };
/** Downstream and emergent abilities. */
export const downstream = { isik, passUntil, cpp, sloth, elusive, inverseScaling, ivgi, performanceLaw, fineLine };
/** Fine-tuning and transfer. */
export const finetuning = { finetuneJoint, rectified, crossLingualCpt };
/** Mixture of experts and sparsity. */
export const moe = { abnarSparsity, upcycling };
/** Data: pruning, quality, selection. */
export const data = { sorscherPruning, qualityData, dataDecide };
/** Vision, diffusion and multimodal. */
export const vision = { zhaiVit, chertiClip, ditScaling, t2iScalability, latentDiffusion, videoDit };
/** RL, recommendation, time series, translation. */
export const otherDomains = { wukong, hstu, multilingualNmt, valueBasedRl, timeSeries };
/** Theory: capacity bounds, collapse, solvable and dynamical models. */
export const theory = { knowledgeCapacity, modelCollapse, lotteryTicket, solvableModel, dynamicalModel };
