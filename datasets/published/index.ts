/** Tables of published numbers transcribed by hand, each with citation, units and status. */
export { definePublishedTable, type PublishedTable } from "./table";
export { CHINCHILLA_TABLE3_PROJECTIONS, type ChinchillaTable3Row } from "./chinchilla-table3";
export { ZHANG_STEPS_TO_TARGET } from "./zhang-critical-batch";
export { GADRE_EXTRAPOLATION_TARGETS, type GadreExtrapolationTarget } from "./gadre-targets";
