import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { audioToTransfer } from './audio-transfer.ts';
import type { MeasureRequest, MeasureResponse } from './measure.worker.ts';
import type { MeasureContext, MeasureTask, MeasureTaskOutputs } from './measure-tasks.ts';
import type { AudioData } from '@mixscope/dsp';

interface Pending {
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: boolean;
  /** Set when the worker has stopped: it takes no more tasks. */
  stopped: Error | null;
}

interface Queued {
  request: Omit<MeasureRequest, 'id'>;
  pending: Pending;
}

/**
 * Runs measurement tasks on worker threads so the caller's event loop stays free (the BullMQ
 * analyzer must keep renewing its job locks while a track is measured).
 */
export class MeasurePool {
  private readonly slots: Slot[];
  private readonly pending = new Map<number, Pending & { slot: Slot }>();
  private readonly queue: Queued[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    size = Math.max(2, Math.min(4, availableParallelism())),
    workerUrl = defaultWorkerUrl(),
  ) {
    this.slots = Array.from({ length: size }, () => {
      const slot: Slot = {
        worker: startWorker(workerUrl),
        busy: false,
        stopped: null,
      };
      let lastError: Error | null = null;
      slot.worker.on('message', (response: MeasureResponse) => this.settle(slot, response));
      slot.worker.on('error', (error) => (lastError = error));
      slot.worker.on('exit', (code) => {
        if (this.closed) return;
        const detail = lastError?.message ?? `exit code ${code}`;
        this.stopSlot(slot, new Error(`a measurement worker stopped (${detail})`));
      });
      slot.worker.unref();
      return slot;
    });
  }

  run<T extends MeasureTask>(
    task: T,
    audio: AudioData,
    context: MeasureContext,
  ): Promise<MeasureTaskOutputs[T]> {
    if (this.closed) return Promise.reject(new Error('measurement pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({
        request: { task, audio: audioToTransfer(audio), context },
        pending: { resolve: resolve as (output: unknown) => void, reject },
      });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
    for (const { pending } of this.queue.splice(0))
      pending.reject(new Error('measurement pool closed'));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.busy || slot.stopped) continue;
      const next = this.queue.shift();
      if (!next) return;
      const id = this.nextId++;
      slot.busy = true;
      slot.worker.ref();
      this.pending.set(id, { ...next.pending, slot });
      slot.worker.postMessage({ id, ...next.request } satisfies MeasureRequest);
    }
  }

  private settle(slot: Slot, response: MeasureResponse): void {
    const pending = this.pending.get(response.id);
    if (!pending) return;
    this.pending.delete(response.id);
    this.release(slot);
    if (response.ok) pending.resolve(response.output);
    else pending.reject(new Error(response.message));
  }

  /** A worker that dies fails its task, and the queue too once no worker is left to run it. */
  private stopSlot(slot: Slot, error: Error): void {
    slot.stopped = error;
    for (const [id, pending] of this.pending) {
      if (pending.slot !== slot) continue;
      this.pending.delete(id);
      pending.reject(error);
    }
    if (this.slots.every((s) => s.stopped)) {
      for (const { pending } of this.queue.splice(0)) pending.reject(error);
    }
    this.release(slot);
  }

  private release(slot: Slot): void {
    slot.busy = false;
    if (!slot.stopped) slot.worker.unref();
    this.dispatch();
  }
}

/**
 * Bundled workers start directly. From TypeScript source (tests, tsx) the worker first registers
 * tsx's loader in its own thread: Node 20 refuses a .ts entry point before any hook can run.
 */
function startWorker(url: URL): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  const api =
    typeof import.meta.resolve === 'function' ? import.meta.resolve('tsx/esm/api') : 'tsx/esm/api';
  const bootstrap = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}

/** Next to this module: measure.worker.ts from source (run through tsx), measure.worker.mjs when bundled. */
function defaultWorkerUrl(): URL {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(fromSource ? './measure.worker.ts' : './measure.worker.mjs', import.meta.url);
}
