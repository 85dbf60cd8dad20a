/** Citations of the data-mixing papers, shared by the law cards of lib/mixing. */
import type { Citation } from "../core";





