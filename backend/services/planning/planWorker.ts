// Worker thread: runs the optimizer off the event loop and reports progress to the parent.
import { parentPort, workerData } from 'node:worker_threads';
import { optimizeTour, type OptimizeOptions, type PlanningInstance } from '../../../shared/optimizer';

/** What the parent sends: the instance and the optimizer's options (no callbacks). */
export interface PlanWorkerInput {
  instance: PlanningInstance;
  options: Omit<OptimizeOptions, 'onProgress' | 'clock'>;
}

/** Messages to the parent: progress while running, then the result or an error. */
export type PlanWorkerMessage =
  | { type: 'progress'; phase: string; fraction: number; served: number; fairShortfall: number; roadKm: number }
  | { type: 'done'; result: ReturnType<typeof optimizeTour> }
  | { type: 'error'; message: string };

const input = workerData as PlanWorkerInput;
try {
  const result = optimizeTour(input.instance, {
    ...input.options,
    clock: () => performance.now(),
    onProgress: (p) =>
      parentPort!.postMessage({
        type: 'progress',
        phase: p.phase,
        fraction: p.fraction,
        served: p.best.served,
        fairShortfall: p.best.fairShortfall,
        roadKm: p.best.roadKm,
      } satisfies PlanWorkerMessage),
  });
  parentPort!.postMessage({ type: 'done', result } satisfies PlanWorkerMessage);
} catch (err) {
  parentPort!.postMessage({ type: 'error', message: (err as Error).message } satisfies PlanWorkerMessage);
}
