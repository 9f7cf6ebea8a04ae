// Worker thread: runs the optimizer off the event loop and reports progress to the parent.
import { parentPort, workerData } from 'node:worker_threads';
import {
  optimizeAlternatives,
  optimizeTour,
  type Alternative,
  type OptimizeOptions,
  type PlanningInstance,
} from '../../../shared/optimizer';

/** What the parent sends: the instance and the optimizer's options (no callbacks). */
export interface PlanWorkerInput {
  instance: PlanningInstance;
  options: Omit<OptimizeOptions, 'onProgress' | 'clock'>;
  /** Also make the alternatives; the result is then the balanced one. */
  alternatives?: boolean;
}

/** Messages to the parent: progress while running, then the result or an error. */
export type PlanWorkerMessage =
  | { type: 'progress'; phase: string; fraction: number; served: number; fairShortfall: number; roadKm: number }
  | {
      type: 'done';
      result: ReturnType<typeof optimizeTour>;
      alternatives?: Omit<Alternative, 'workUnits' | 'elapsedMs' | 'stoppedBy'>[];
    }
  | { type: 'error'; message: string };

const input = workerData as PlanWorkerInput;
try {
  const options: OptimizeOptions = {
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
  };
  if (input.alternatives) {
    const all = optimizeAlternatives(input.instance, options);
    const alternatives = all.alternatives.map(({ kind, label, plan, figures, reasons }) => ({
      kind,
      label,
      plan,
      figures,
      reasons,
    }));
    parentPort!.postMessage({ type: 'done', result: all.balanced, alternatives } satisfies PlanWorkerMessage);
  } else {
    const result = optimizeTour(input.instance, options);
    parentPort!.postMessage({ type: 'done', result } satisfies PlanWorkerMessage);
  }
} catch (err) {
  parentPort!.postMessage({ type: 'error', message: (err as Error).message } satisfies PlanWorkerMessage);
}
