/** The project root, found the same way from kernel/ (sources run by vitest) and from dist/kernel/ (compiled). */
import * as fs from "node:fs";
import * as path from "node:path";

/** The nearest ancestor of `from` holding the scalinglab package.json. */
export function projectRoot(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, "utf8")) as { name?: string }).name === "scalinglab") return dir;
    if (path.dirname(dir) === dir) throw new Error(`projectRoot: no scalinglab package.json above ${from}`);
  }
}
