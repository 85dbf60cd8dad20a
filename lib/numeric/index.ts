/**
 * lib/numeric: the one copy of each numeric primitive. Internal — other folders import the defining file
 * (`../numeric/linalg`); this index lists the module for tests and tooling, and is not part of the notebook scope.
 */
export { solve, inverse, inverseOrNull, symmetricEigen, sampleCovariance, quadraticForm, SingularMatrixError } from "./linalg";
export type { Matrix, SymmetricEigen } from "./linalg";
export { quantile, quantileSorted } from "./quantile";
export {
  erf, erfc, logGamma, regularizedGammaP, regularizedGammaQ, regularizedBeta, chiSquareSurvival, normalCdf, normalQuantile,
  studentTCdf, studentTQuantile,
} from "./special";
export { linearRegression, bootstrapRegression } from "./regression";
export type { Regression, RegressionOptions } from "./regression";
export { minimizeOnInterval } from "./minimize1d";
export type { Minimum1d, Minimize1dOptions } from "./minimize1d";
export { Xoshiro128 } from "./random";
