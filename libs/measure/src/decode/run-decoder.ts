import { endianness } from 'node:os';
import { Writable } from 'node:stream';
import ffmpeg from 'fluent-ffmpeg';
import { prepareFfmpeg } from './ffmpeg-setup.ts';
import { ffmpegInput } from './probe.ts';
import { abortReason, startFailure, timeoutError, toolPath, type ToolPaths } from './run-tool.ts';

export interface RunDecoderOptions {
  signal?: AbortSignal;
  /** Kill ffmpeg and fail with DECODE_TIMEOUT after this long, start-up included. */
  timeoutMs: number;
  /** How the time-out reads in the error message (it may be the caller's overall budget). */
  timeoutLabelMs?: number;
  /** Receives interleaved native-endian float samples as they arrive; throwing stops ffmpeg. */
  onSamples: (chunk: Buffer) => void;
}

export interface DecoderExit {
  /** ffmpeg exited with status 0; otherwise it failed part-way and what it wrote has been delivered. */
  exitedCleanly: boolean;
}

/** fluent-ffmpeg's own wording for a process that ran and ended by itself. */
const PROCESS_ENDED = /^ffmpeg (exited with code|was killed with signal)/;

/**
 * Decodes the first audio stream of a file to interleaved 32-bit float with ffmpeg, run through
 * fluent-ffmpeg. ffmpeg is killed when the time-out fires, the signal aborts, or `onSamples`
 * throws. Rejects with an AnalysisError, or with the signal's reason on abort.
 */
export function runDecoder(
  path: string,
  paths: ToolPaths,
  options: RunDecoderOptions,
): Promise<DecoderExit> {
  const { signal, timeoutMs, onSamples } = options;
  if (signal?.aborted) return Promise.reject(abortReason(signal));

  return new Promise<DecoderExit>((resolve, reject) => {
    let command: ffmpeg.FfmpegCommand | undefined;
    let settled = false;
    let exitedCleanly: boolean | undefined;
    let drained = false;

    const settle = (error: unknown, exit?: DecoderExit) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error === undefined) {
        resolve(exit as DecoderExit);
        return;
      }
      // Before 'start' there is no process yet; the 'start' listener kills it as it appears.
      command?.kill('SIGKILL');
      reject(error);
    };
    // fluent-ffmpeg reports the exit before stdout has necessarily drained: both must be seen.
    const settleWhenDone = () => {
      if (exitedCleanly !== undefined && drained) settle(undefined, { exitedCleanly });
    };

    const onAbort = () => settle(abortReason(signal as AbortSignal));
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(
      () => settle(timeoutError(options.timeoutLabelMs ?? timeoutMs)),
      timeoutMs,
    );

    // emitClose: false, because fluent-ffmpeg kills ffmpeg 20 ms after its output stream closes
    // and reports an error if it has not exited by then, which happens under load. Chunks are
    // consumed at once, so a high-water mark above the pipe's 64 KiB reads never pauses the pipe.
    const samples = new Writable({
      emitClose: false,
      highWaterMark: 1 << 20,
      write(chunk: Buffer, _encoding, done) {
        if (!settled) {
          try {
            onSamples(chunk);
          } catch (error) {
            settle(error);
          }
        }
        done();
      },
    });
    samples.on('finish', () => {
      drained = true;
      settleWhenDone();
    });

    prepareFfmpeg(toolPath('ffmpeg', paths)).then(
      () => {
        if (settled) return;
        command = decodeCommand(path, samples)
          .on('start', () => {
            if (settled) command?.kill('SIGKILL');
          })
          .on('error', (error: Error) => {
            if (!PROCESS_ENDED.test(error.message)) {
              settle(startFailure('ffmpeg', error));
              return;
            }
            exitedCleanly = false;
            settleWhenDone();
          })
          .on('end', () => {
            exitedCleanly = true;
            settleWhenDone();
          });
        command.run();
      },
      (error: unknown) => settle(error),
    );
  });
}

/**
 * No -ar or -ac: ffmpeg keeps the decoder's native rate and channel count, which are the values
 * ffprobe reports (both read them from the same decoder). Packets are not flushed one by one,
 * which halves the number of pipe reads.
 */
function decodeCommand(path: string, samples: Writable): ffmpeg.FfmpegCommand {
  const littleEndian = endianness() === 'LE';
  return ffmpeg()
    .input(ffmpegInput(path))
    .inputOptions(['-nostdin', '-hide_banner', '-v', 'error', '-protocol_whitelist', 'file'])
    .outputOptions(['-map', '0:a:0', '-flush_packets', '0'])
    .audioCodec(littleEndian ? 'pcm_f32le' : 'pcm_f32be')
    .format(littleEndian ? 'f32le' : 'f32be')
    .output(samples);
}
