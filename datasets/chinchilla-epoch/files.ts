/**
 * The public files of "chinchilla-epoch": path under the mirror layout (`local`), path in the source repository, sha256 and
 * size, transcribed from the byte-exact mirror's SOURCES.json. The files themselves are never committed.
 */
import type { SourceFile } from "../types";

export const FILES: readonly SourceFile[] = [
  { local: "chinchilla-epoch/svg_extracted_data.csv", path: "data/svg_extracted_data.csv", sha256: "193478df4e90f040016431996c45682659306840ecdadf83cfb9cd5ca0aa1b30", bytes: 23224 },
];
