/**
 * The public files of "isoflops": path under the mirror layout (`local`), path in the source repository, sha256 and
 * size, transcribed from the byte-exact mirror's SOURCES.json. The files themselves are never committed.
 */
import type { SourceFile } from "../types";

export const FILES: readonly SourceFile[] = [
  { local: "isoflops/isoflops.csv", path: "data/isoflops/transform/isoflops.csv", sha256: "b04d611253611490c5cc339fb95cb28d4f38f279a97438cb804a80f03171caa0", bytes: 127708 },
];
