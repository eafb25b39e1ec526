import { parentPort } from 'node:worker_threads';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { runMeasureTask, type MeasureContext, type MeasureTask } from './measure-tasks.ts';
import { audioFromTransfer, type AudioTransfer } from './audio-transfer.ts';
import { loadSimdFft } from './simd-fft-backend.ts';

export interface MeasureRequest {
  id: number;
  task: MeasureTask;
  audio: AudioTransfer;
  context: MeasureContext;
}

export type MeasureResponse =
  { id: number; ok: true; output: unknown } | { id: number; ok: false; message: string };

/**
 * A full collection of this thread's heap, run once the thread has been idle for IDLE_COLLECT_MS
 * (not between the tasks of one analysis, which follow each other closely). The audio arrives as
 * SharedArrayBuffers: their memory is the main thread's allocation, so this thread allocates too
 * little of its own to ever start a major collection, and the views of every track it measured
 * stayed alive while it sat idle, keeping each decoded track in memory for good (the analyzer's
 * idle RSS grew by one decoded track per job). `gc` is exposed to a fresh context only, so
 * nothing else in the process sees it. It runs once the handler has returned, when the request
 * itself is no longer on the stack.
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const IDLE_COLLECT_MS = 200;
let idleCollection: NodeJS.Timeout | undefined;

// Before the first task: requests that arrive meanwhile wait in the port's queue.
await loadSimdFft();

parentPort?.on('message', (request: MeasureRequest) => {
  clearTimeout(idleCollection);
  try {
    const output = runMeasureTask(request.task, audioFromTransfer(request.audio), request.context);
    parentPort?.postMessage({ id: request.id, ok: true, output } satisfies MeasureResponse);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    parentPort?.postMessage({ id: request.id, ok: false, message } satisfies MeasureResponse);
  }
  idleCollection = setTimeout(collectGarbage, IDLE_COLLECT_MS);
  // The pending collection must not keep an otherwise finished thread alive.
  idleCollection.unref();
});
