import { parentPort } from 'node:worker_threads';
import { runMeasureTask, type MeasureContext, type MeasureTask } from './measure-tasks.ts';
import { audioFromTransfer, type AudioTransfer } from './audio-transfer.ts';

export interface MeasureRequest {
  id: number;
  task: MeasureTask;
  audio: AudioTransfer;
  context: MeasureContext;
}

export type MeasureResponse =
  { id: number; ok: true; output: unknown } | { id: number; ok: false; message: string };

parentPort?.on('message', (request: MeasureRequest) => {
  try {
    const output = runMeasureTask(request.task, audioFromTransfer(request.audio), request.context);
    parentPort?.postMessage({ id: request.id, ok: true, output } satisfies MeasureResponse);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    parentPort?.postMessage({ id: request.id, ok: false, message } satisfies MeasureResponse);
  }
});
