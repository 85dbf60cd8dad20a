/**
 * The public files of "mixinglaws": path under the mirror layout (`local`), path in the source repository, sha256 and
 * size, transcribed from the byte-exact mirror's SOURCES.json. The files themselves are never committed.
 */
import type { SourceFile } from "../types";

export const FILES: readonly SourceFile[] = [
  { local: "mixinglaws/2Mix/160M.txt", path: "data/2Mix/160M.txt", sha256: "15ca2f0b918fb6e34d1e52daa6ef6e1fc0c9fd10ad300fe17fd99f64699214fe", bytes: 25459 },
  { local: "mixinglaws/2Mix/70M.txt", path: "data/2Mix/70M.txt", sha256: "f145e8c9d2a017de8eeb16c3c4e2fb096dc15a815f3aeed66d617283627db76e", bytes: 25345 },
  { local: "mixinglaws/3Mix/160M.txt", path: "data/3Mix/160M.txt", sha256: "49185ea7b1c50214afb1f57752bee08e7462b562f3ba9b73a2e32d6bbc08fc6a", bytes: 553178 },
  { local: "mixinglaws/3Mix/410M.txt", path: "data/3Mix/410M.txt", sha256: "f0ecb091e6ba05f8d3054cbf88ded3c04b79bb5eb865d25e7875cccbbf9f21de", bytes: 26324 },
  { local: "mixinglaws/3Mix/70M.txt", path: "data/3Mix/70M.txt", sha256: "c3f5a3f9bfdae2b8873cfad442b82c2f574b50c0b0dcab17f537d8c85838e10c", bytes: 257566 },
];
