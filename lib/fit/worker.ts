/**
 * Worker-thread entry point (compiled to dist/lib/fit/worker.js). It loads the module that registers the
 * model, rebuilds the objective from plain data, and answers batches of starts (or bootstrap resamples).
 */
import { parentPort, workerData } from "node:worker_threads";
import { registeredFitModel } from "./model";
import { createFitObjective, runStartBatch } from "./multistart";
import type { WorkerSetup, WorkerTask } from "./pool";

const setup = workerData as WorkerSetup;
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(setup.modulePath);
  const model = registeredFitModel(setup.modelId);
  if (!model) throw new Error(`model "${setup.modelId}" is not registered by ${setup.modulePath}`);
  const { objective } = createFitObjective("fitModel", model, setup.rows, setup.ys, setup.weights, setup.spec);
  parentPort!.on("message", (task: WorkerTask) => {
    const out = runStartBatch(objective, task.starts, task.weights, setup.lbfgs, setup.weights, setup.merge);
    parentPort!.postMessage({ id: task.id, out }, [out.buffer]);
  });
  parentPort!.postMessage({ ready: true });
} catch (e) {
  parentPort!.postMessage({ failed: e instanceof Error ? e.message : String(e) });
}
