import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { CLI, freePort, ROOT } from "./helpers";

/** "pid: command line" of every process whose /proc/<pid>/cmdline contains `text`. */
function processesWithArgument(text: string): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    let cmdline: string;
    try {
      cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    if (cmdline.includes(text)) found.push(`${pid}: ${cmdline.replace(/\0/g, " ")}`);
  }
  return found;
}

describe("scalinglab start", () => {
  it("serves JupyterLab on notebooks/ with scalinglab as the default kernel, prints the URL, keeps the token out of `ps`, and stops on Ctrl-C", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [CLI, "start", "--no-browser", "--port", String(port)], {
      cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], detached: true, // own process group: cleanup reaches the Jupyter child too
    });
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    try {
      let out = "";
      child.stdout.on("data", (d: Buffer) => { out += d.toString(); });
      let url: URL | undefined;
      for (let i = 0; i < 240 && !url; i++) {
        const m = /http:\/\/127\.0\.0\.1:\d+\/lab\?token=\w+/.exec(out);
        if (m) url = new URL(m[0]);
        else await new Promise((r) => setTimeout(r, 250));
      }
      expect(url?.port).toBe(String(port));
      expect(out).toContain(`${ROOT}/notebooks`);
      const token = url!.searchParams.get("token")!;
      let specs: { default: string; kernelspecs: Record<string, unknown> } | undefined;
      for (let i = 0; i < 240 && !specs; i++) {
        try {
          const r = await fetch(`http://127.0.0.1:${port}/api/kernelspecs`, { headers: { Authorization: `token ${token}` } });
          if (r.ok) specs = await r.json() as typeof specs;
        } catch { await new Promise((r) => setTimeout(r, 250)); }
      }
      expect(specs?.default).toBe("scalinglab");
      expect(Object.keys(specs!.kernelspecs)).toContain("scalinglab");
      // The token is in no process's argument list, which every local user can read (issue 16, severe 2).
      expect(processesWithArgument(token)).toEqual([]);
      child.kill("SIGINT");
      expect(await exited).toBe(0);
    } finally {
      try { process.kill(-child.pid!, "SIGKILL"); } catch { /* already gone */ }
    }
  }, 90_000);
});
