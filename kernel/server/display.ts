/** Drawing library progress reports as one updating output per task. */
import { setTimeout } from "node:timers";
import * as crypto from "node:crypto";
import type { MimeData } from "./messages";
import type { ProgressEvent } from "../engine/host";

type Send = (data: MimeData, displayId: string, update: boolean) => void;

const MIN_INTERVAL_MS = 100;

function progressBundle(e: ProgressEvent, elapsedMs: number): MimeData {
  const frac = e.total > 0 ? Math.min(1, Math.max(0, e.done / e.total)) : 0;
  const width = 30;
  const filled = Math.round(frac * width);
  const pct = (100 * frac).toFixed(0);
  const secs = (elapsedMs / 1000).toFixed(1);
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return {
    "text/plain": `${e.task} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${e.done}/${e.total} (${pct}%) ${secs}s`,
    "text/html": `<div style="font-family:monospace"><progress value="${e.done}" max="${e.total}" style="width:20em"></progress> ` +
      `${esc(e.task)} — ${e.done}/${e.total} (${pct}%) ${secs}s</div>`,
  };
}

/** One display per task, updated at most ~10 times a second; the final state is always drawn. */
export class ProgressDisplays {
  private readonly tasks = new Map<string, { id: string; started: number; lastSent: number; pending?: ProgressEvent; timer?: NodeJS.Timeout }>();

  constructor(private readonly send: Send) {}

  report(e: ProgressEvent): void {
    const now = Date.now();
    let t = this.tasks.get(e.task);
    if (!t) {
      t = { id: `progress-${crypto.randomUUID()}`, started: now, lastSent: now };
      this.tasks.set(e.task, t);
      this.send(progressBundle(e, 0), t.id, false);
    } else if (e.done >= e.total || now - t.lastSent >= MIN_INTERVAL_MS) {
      if (t.timer) clearTimeout(t.timer);
      t.timer = undefined;
      t.lastSent = now;
      this.send(progressBundle(e, now - t.started), t.id, true);
    } else {
      // Throttled: draw the latest state later unless a newer report comes first.
      t.pending = e;
      const task = t;
      task.timer ??= setTimeout(() => {
        task.timer = undefined;
        if (task.pending) {
          task.lastSent = Date.now();
          this.send(progressBundle(task.pending, task.lastSent - task.started), task.id, true);
        }
      }, MIN_INTERVAL_MS);
    }
    if (e.done >= e.total) this.tasks.delete(e.task);
  }

  /** End of the cell: draws the latest throttled state of every task now. */
  close(): void {
    for (const t of this.tasks.values()) {
      if (!t.timer) continue;
      clearTimeout(t.timer);
      if (t.pending) this.send(progressBundle(t.pending, Date.now() - t.started), t.id, true);
    }
    this.tasks.clear();
  }
}
