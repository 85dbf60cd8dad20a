/** lib/core: what every other folder builds on. Library modules may import it here or by file; users see none of it directly. */
export { formatCitation, type Citation, type SourceStatus, type PublishedConstants } from "./citation";
export { ScalingLabError, InvalidInputError, InsufficientDataError, UnknownChoiceError, DidNotConvergeError, FitError, InterruptedError, DataError, shortNumber, assertPositive, assertPositiveInteger, assertFinite, assertChoice } from "./errors";
export { JUPYTER_DISPLAY, isDisplayable, type MimeBundle, type Displayable } from "./display";
export { runtimeHooks, reportProgress, reportWarning, throwIfInterrupted, type ProgressEvent, type RuntimeHooks } from "./runtime";
export { CHECK_MIME, ReproductionError, checkReproduces, type CheckSpec, type CheckRecord } from "./check";
export { registerRenderer, renderAs, makeDisplayable, ensureDisplayable, displayResult, displayRows, resultTitle, type Renderer } from "./render";
export { registerLawCard, defineCard, listLaws, type LawTopic, type LawCard } from "./law";
