import { it } from "vitest";
import * as fs from "node:fs";
import * as L from "../../lib";
it("x", async () => {
  const iso = await L.loadDataset("isoflops");
  const rows = iso.rows.filter((r) => r.experiment === "epochai_chinchilla__massivetext__chinchilla" && !r.outlier);
  const env = L.chinchillaEnvelope(rows.map((r) => ({ N: r.N, tokens: [r.C / (6 * r.N)], loss: [r.loss] })));
  fs.writeFileSync("/tmp/envdbg.json", JSON.stringify(env.points.map((p) => [p.C, p.N, p.loss])));
});
