/**
 * The public files of "steplaw": path under the mirror layout (`local`), path in the source repository, sha256 and
 * size, transcribed from the byte-exact mirror's SOURCES.json. The files themselves are never committed.
 */
import type { SourceFile } from "../types";

export const FILES: readonly SourceFile[] = [
  { local: "steplaw/1004_fitted_lr_bs_scaling_model_parameters.csv", path: "data/1004_fitted_lr_bs_scaling_model_parameters.csv", sha256: "2252afbba5530e6ba6167e8101bd2b9082a018a58cb5922cc8672891a7f4336c", bytes: 97581 },
  { local: "steplaw/dense_lr_bs_loss.csv", path: "data/dense_lr_bs_loss.csv", sha256: "9e46181076c04d450294d75dfe6f72adc416e231e154a07b337e378f9410002c", bytes: 344476 },
];
