/**
 * The public files of "regmix": path under the mirror layout (`local`), path in the source repository, sha256 and
 * size, transcribed from the byte-exact mirror's SOURCES.json. The files themselves are never committed.
 */
import type { SourceFile } from "../types";

export const FILES: readonly SourceFile[] = [
  { local: "regmix/test_mixture_1B.csv", path: "data/test_mixture_1B.csv", sha256: "dd38052949c0a5f84165bdcb3ae3a331c7f07efd9bb83848bd579dfc4ce75a2c", bytes: 6393 },
  { local: "regmix/test_mixture_1m.csv", path: "data/test_mixture_1m.csv", sha256: "197267b7d6f15367e2f46c881e564c35b0d34e51b1754bb09d07e650cf8e1ce8", bytes: 23537 },
  { local: "regmix/test_mixture_60m.csv", path: "data/test_mixture_60m.csv", sha256: "197267b7d6f15367e2f46c881e564c35b0d34e51b1754bb09d07e650cf8e1ce8", bytes: 23537 },
  { local: "regmix/test_pile_loss_1B.csv", path: "data/test_pile_loss_1B.csv", sha256: "b2451e2b7fa15400688edc39e4d32f21ccbe0fb356e07d62a0e9ccddf247114f", bytes: 10639 },
  { local: "regmix/test_pile_loss_1m.csv", path: "data/test_pile_loss_1m.csv", sha256: "e027b1674f60140a65a87b5e4a59ab5f09dc33e8fd02c080682678074b160f53", bytes: 61175 },
  { local: "regmix/test_pile_loss_60m.csv", path: "data/test_pile_loss_60m.csv", sha256: "8fe69d59ab7dd4fae4736459f4265ec93c7ed1ad1eca407346052560edc72b5b", bytes: 61827 },
  { local: "regmix/train_mixture_1m.csv", path: "data/train_mixture_1m.csv", sha256: "04a32ef4ab594376bf90e11404c033668f887c351d6a03ad3744824c7296a2d8", bytes: 46412 },
  { local: "regmix/train_pile_loss_1m.csv", path: "data/train_pile_loss_1m.csv", sha256: "49a959aa07ce5c20831d5abe3a7896ff0cd90a398bd407c8913fd5588be0465a", bytes: 121898 },
];
