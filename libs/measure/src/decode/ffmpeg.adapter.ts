import { spawn } from 'node:child_process';
import { endianness } from 'node:os';
import { basename, resolve } from 'node:path';
import { Writable } from 'node:stream';
import ffmpeg from 'fluent-ffmpeg';
import { AnalysisError } from '../errors.ts';

/**
 * The one module that knows fluent-ffmpeg and starts ffmpeg or ffprobe. The rest of the library
 * sees `probe` (ffprobe's description of a file) and `decode` (a file's first audio stream as
 * 32-bit float samples, streamed as they are decoded).
 */

export interface FfmpegBinaries {
  /**
   * The ffmpeg binary: a path, or a name the system looks up on the PATH. Default `ffmpeg`.
   * fluent-ffmpeg holds one ffmpeg path per process, so a decode given another path switches it
   * for every command that has not started its ffmpeg yet.
   */
  ffmpegPath?: string;
  /** The ffprobe binary: a path, or a name the system looks up on the PATH. Default `ffprobe`. */
  ffprobePath?: string;
}

export interface RunLimits {
  signal?: AbortSignal;
  /** Kill the process and fail with DECODE_TIMEOUT after this long, start-up included. */
  timeoutMs: number;
  /** How the time-out reads in the error message (it may be the caller's overall budget). */
  timeoutLabelMs?: number;
}

export interface ProbeRequest extends FfmpegBinaries, RunLimits {
  /** The name users know the file by, for error messages; defaults to the basename. */
  displayName?: string;
}

export interface DecodeRequest extends FfmpegBinaries, RunLimits {
  /**
   * Receives the samples as they arrive: native-endian 32-bit float, interleaved (ffmpeg's raw
   * muxers write packed samples only), in chunks of any size. Throwing stops ffmpeg.
   */
  onSamples: (chunk: Buffer) => void;
}

export interface DecoderExit {
  /** ffmpeg exited with status 0; otherwise it failed part-way and what it wrote has been delivered. */
  exitedCleanly: boolean;
}

/** The parts of `ffprobe -show_format -show_streams` JSON output the library reads. */
export interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  sample_fmt?: string;
  sample_rate?: string;
  channels?: number;
  channel_layout?: string;
  bits_per_sample?: number;
  bits_per_raw_sample?: string;
  bit_rate?: string;
  duration?: string;
}

export interface FfprobeOutput {
  streams?: FfprobeStream[];
  format?: { format_name?: string; duration?: string; bit_rate?: string };
}

type ToolName = 'ffmpeg' | 'ffprobe';

const STDERR_TAIL_CHARS = 8192;

/**
 * Describes a file's container and streams with ffprobe. ffprobe is started directly rather than
 * through fluent-ffmpeg's `ffprobe()`, which keeps its process to itself: it can be neither timed
 * out nor killed, so a file that makes ffprobe hang would hang the caller. Rejects with an
 * AnalysisError, or with the signal's reason on abort.
 */
export async function probe(path: string, request: ProbeRequest): Promise<FfprobeOutput> {
  const exit = await runProbe(
    request.ffprobePath ?? 'ffprobe',
    [
      '-v',
      'error',
      '-hide_banner',
      '-protocol_whitelist',
      'file',
      '-print_format',
      'json',
      '-show_format',
      '-show_streams',
      ffmpegInput(path),
    ],
    request,
  );
  if (exit.exitCode !== 0) {
    if (/permission denied/i.test(exit.stderr)) {
      const name = request.displayName ?? basename(path);
      throw new AnalysisError('FILE_NOT_FOUND', `cannot read ${name}: permission denied`);
    }
    throw notDecodable();
  }
  try {
    return JSON.parse(exit.stdout.toString('utf8')) as FfprobeOutput;
  } catch {
    throw notDecodable();
  }
}

/**
 * Decodes the first audio stream of a file to 32-bit float at its native rate, in mono or stereo
 * (more channels are downmixed, see DOWNMIX_FILTER), through fluent-ffmpeg. ffmpeg is killed (SIGKILL, through the command's own `kill`) when the
 * deadline passes, the signal aborts, or `onSamples` throws. Rejects with an AnalysisError, or
 * with the signal's reason on abort.
 */
export function decode(path: string, request: DecodeRequest): Promise<DecoderExit> {
  const { signal, timeoutMs, onSamples } = request;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  const binary = request.ffmpegPath ?? 'ffmpeg';

  return new Promise<DecoderExit>((resolvePromise, reject) => {
    let command: ffmpeg.FfmpegCommand | undefined;
    let settled = false;
    let exitedCleanly: boolean | undefined;
    let drained = false;

    const settle = (error: unknown, exit?: DecoderExit) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      signal?.removeEventListener('abort', onAbort);
      if (error === undefined) {
        resolvePromise(exit as DecoderExit);
        return;
      }
      // Before fluent-ffmpeg has spawned the process, `kill` does nothing; the 'start' listener
      // below kills the process as it appears.
      command?.kill('SIGKILL');
      reject(error);
    };
    // fluent-ffmpeg reports the exit once ffmpeg's stderr has closed, not once its stdout has
    // drained into `samples`: the result is complete only when both have been seen.
    const settleWhenDone = () => {
      if (exitedCleanly !== undefined && drained) settle(undefined, { exitedCleanly });
    };

    const onAbort = () => settle(abortReason(signal as AbortSignal));
    signal?.addEventListener('abort', onAbort, { once: true });
    // fluent-ffmpeg's own `timeout` option is not used: its clock starts only once ffmpeg has
    // spawned, after the capability check, and it stops ffmpeg with SIGTERM.
    const deadline = setTimeout(
      () => settle(timeoutError(request.timeoutLabelMs ?? timeoutMs)),
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

    readyToRun(binary).then(
      () => {
        if (settled) return;
        ffmpeg.setFfmpegPath(binary);
        const started = decodeCommand(path, samples)
          .on('start', () => {
            if (settled) started.kill('SIGKILL');
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
        command = started;
        started.run();
      },
      (error: unknown) => settle(error),
    );
  });
}

/** Samples to encode: native-endian 32-bit float, interleaved, as `decode` delivers them. */
export interface PcmInput {
  samples: Buffer;
  sampleRate: number;
  channels: number;
}

/** One encode of `encodeStreams`. */
export interface EncodeStream {
  input: PcmInput;
  /** Output options of the encode, e.g. `['-c:a', 'aac', '-b:a', '256k']`. */
  encoderArgs: string[];
  /** The container the encode is written in, e.g. 'adts', 'ogg', 'mp3'. */
  container: string;
}

/** One decode of `decodeStreams`. */
export interface DecodeStream {
  encoded: Buffer;
  /** ffmpeg's demuxer for the container ('aac' reads 'adts'). */
  demuxer: string;
}

/**
 * The names of the encoders this ffmpeg has, from `ffmpeg -encoders`: fluent-ffmpeg runs that
 * query once per process and caches it (it is also its capability check before any command).
 */
export async function availableEncoders(request: FfmpegBinaries = {}): Promise<Set<string>> {
  const binary = request.ffmpegPath ?? 'ffmpeg';
  await readyToRun(binary);
  ffmpeg.setFfmpegPath(binary);
  return new Promise((done, fail) =>
    ffmpeg.getAvailableEncoders((error, encoders) =>
      error ? fail(startFailure('ffmpeg', error)) : done(new Set(Object.keys(encoders))),
    ),
  );
}

/**
 * Encodes each stream in one ffmpeg process (one process start for all of them: starting ffmpeg
 * from a large process costs more than encoding a few seconds), through pipes, so no file is
 * written. Resolves to each stream's encoded bytes.
 */
export function encodeStreams(
  streams: readonly EncodeStream[],
  limits: FfmpegBinaries & RunLimits,
): Promise<Buffer[]> {
  const littleEndian = endianness() === 'LE';
  const { inputFds, outputFds } = pipeFds(streams.length);
  const args = [
    ...FFMPEG_QUIET,
    ...streams.flatMap(({ input }, i) => [
      ...['-f', littleEndian ? 'f32le' : 'f32be', '-ar', String(input.sampleRate)],
      ...['-ac', String(input.channels), '-i', `pipe:${inputFds[i]}`],
    ]),
    ...streams.flatMap((stream, i) => [
      ...['-map', `${i}:a:0`, ...stream.encoderArgs, '-threads', '1'],
      ...['-f', stream.container, `pipe:${outputFds[i]}`],
    ]),
  ];
  return runPiped(
    args,
    streams.map((stream) => stream.input.samples),
    { ...limits, side: 'encode' },
  );
}

/** Decodes each encoded stream to 32-bit float at its own rate, in one ffmpeg process. */
export function decodeStreams(
  streams: readonly DecodeStream[],
  limits: FfmpegBinaries & RunLimits,
): Promise<Buffer[]> {
  const littleEndian = endianness() === 'LE';
  const { inputFds, outputFds } = pipeFds(streams.length);
  const args = [
    ...FFMPEG_QUIET,
    ...streams.flatMap(({ demuxer }, i) => ['-f', demuxer, '-i', `pipe:${inputFds[i]}`]),
    ...streams.flatMap((_, i) => [
      ...['-map', `${i}:a:0`, '-c:a', littleEndian ? 'pcm_f32le' : 'pcm_f32be'],
      ...['-f', littleEndian ? 'f32le' : 'f32be', `pipe:${outputFds[i]}`],
    ]),
  ];
  return runPiped(
    args,
    streams.map((stream) => stream.encoded),
    { ...limits, side: 'decode' },
  );
}

/** One thread each: the encodes run side by side with the measurements on a few cores. */
const FFMPEG_QUIET = ['-nostdin', '-hide_banner', '-nostats', '-v', 'error', '-threads', '1'];

/** Inputs on stdin then fds 3…, outputs on stdout then the fds after those (stderr stays 2). */
function pipeFds(count: number): { inputFds: number[]; outputFds: number[] } {
  const extra = (i: number) => 3 + i;
  return {
    inputFds: Array.from({ length: count }, (_, i) => (i === 0 ? 0 : extra(i - 1))),
    outputFds: Array.from({ length: count }, (_, i) => (i === 0 ? 1 : extra(count - 1 + i - 1))),
  };
}

/**
 * Runs ffmpeg with the inputs written to its input pipes and every output pipe read to its end.
 * Everything is buffered here, never back-pressured, so ffmpeg reading its inputs in any order
 * cannot wait on a pipe this side has stopped draining. Killed on deadline or abort. Rejects with
 * ENCODE_FAILED and ffmpeg's first error line, or with the signal's reason.
 */
function runPiped(
  args: string[],
  inputs: readonly Buffer[],
  limits: FfmpegBinaries & RunLimits & { side: 'encode' | 'decode' },
): Promise<Buffer[]> {
  const { signal, timeoutMs } = limits;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  const binary = limits.ffmpegPath ?? 'ffmpeg';
  const { inputFds, outputFds } = pipeFds(inputs.length);
  const fdCount = 3 + 2 * (inputs.length - 1);

  return readyToRun(binary).then(
    () =>
      new Promise<Buffer[]>((resolvePromise, reject) => {
        if (signal?.aborted) {
          reject(abortReason(signal));
          return;
        }
        const child = spawn(binary, args, { stdio: Array.from({ length: fdCount }, () => 'pipe') });
        const chunks: Buffer[][] = outputFds.map(() => []);
        let stderr = '';
        let open = outputFds.length;
        let exitCode: number | null | undefined;
        let settled = false;

        const finish = (error?: unknown) => {
          if (settled) return;
          settled = true;
          clearTimeout(deadline);
          signal?.removeEventListener('abort', onAbort);
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          if (error === undefined) resolvePromise(chunks.map((parts) => Buffer.concat(parts)));
          else reject(error);
        };
        const settleIfDone = () => {
          if (exitCode === undefined || open > 0) return;
          if (exitCode === 0) finish();
          else {
            const line = stderr.trim().split('\n')[0] || `exit status ${exitCode}`;
            finish(new AnalysisError('ENCODE_FAILED', `ffmpeg could not ${limits.side}: ${line}`));
          }
        };
        const onAbort = () => finish(abortReason(signal as AbortSignal));
        signal?.addEventListener('abort', onAbort, { once: true });
        const deadline = setTimeout(
          () => finish(timeoutError(limits.timeoutLabelMs ?? timeoutMs)),
          timeoutMs,
        );

        inputFds.forEach((fd, i) => {
          const pipe = child.stdio[fd] as NodeJS.WritableStream & NodeJS.EventEmitter;
          // ffmpeg may stop reading first (it failed); that is reported by its exit.
          pipe.on('error', () => undefined);
          pipe.end(inputs[i]);
        });
        outputFds.forEach((fd, i) => {
          const pipe = child.stdio[fd] as NodeJS.ReadableStream & NodeJS.EventEmitter;
          pipe.on('data', (chunk: Buffer) => chunks[i].push(chunk));
          pipe.on('error', () => undefined);
          pipe.on('close', () => {
            open--;
            settleIfDone();
          });
        });
        child.stderr?.setEncoding('utf8');
        child.stderr?.on('data', (text: string) => {
          stderr = (stderr + text).slice(-STDERR_TAIL_CHARS);
        });
        child.on('error', (error) => finish(startFailure('ffmpeg', error)));
        child.on('exit', (code) => {
          exitCode = code;
          settleIfDone();
        });
      }),
  );
}

/** fluent-ffmpeg's own wording for a process that ran and ended by itself. */
const PROCESS_ENDED = /^ffmpeg (exited with code|was killed with signal)/;

/**
 * No -ar: ffmpeg keeps the decoder's native rate, the value ffprobe reports (both read it from the
 * same decoder). Mono and stereo pass as they are; more channels are folded to stereo by ffmpeg's
 * own downmix (libswresample's matrix: ITU-R BS.775 Lo/Ro, centre and surrounds at −3 dB, LFE left
 * out). The filter works in float, where libswresample does not normalise its matrix, so the
 * downmix keeps the channels' level (an s16 stage would scale it down to avoid clipping).
 * Packets are not flushed one by one, which halves the number of pipe reads.
 */
const DOWNMIX_FILTER = 'aformat=sample_fmts=flt:channel_layouts=mono|stereo';

function decodeCommand(path: string, samples: Writable): ffmpeg.FfmpegCommand {
  const littleEndian = endianness() === 'LE';
  return ffmpeg()
    .input(ffmpegInput(path))
    .inputOptions(['-nostdin', '-hide_banner', '-v', 'error', '-protocol_whitelist', 'file'])
    .outputOptions(['-map', '0:a:0', '-flush_packets', '0'])
    .audioFilters(DOWNMIX_FILTER)
    .audioCodec(littleEndian ? 'pcm_f32le' : 'pcm_f32be')
    .format(littleEndian ? 'f32le' : 'f32be')
    .output(samples);
}

/** The file: prefix stops ffmpeg reading names such as "pipe:1" or "http:…" as protocols. */
function ffmpegInput(path: string): string {
  return `file:${resolve(path)}`;
}

/**
 * Before its first command in a process, fluent-ffmpeg runs `ffmpeg -formats` and then
 * `ffmpeg -encoders`, one after the other, to check commands against them, and caches both lists
 * for the process. Running both queries at once, here, fills that cache about 70 ms sooner
 * (measured to the decoder's start on a 2-core machine), while the probe runs. Starting them
 * earlier still, while the command-line tool loads, made no measurable difference to its run.
 */
let capabilityCache: Promise<void> | undefined;
/** Binaries known to start, each checked once. */
const startable = new Map<string, Promise<void>>();

/**
 * Resolves once fluent-ffmpeg can run `binary`, or rejects with DECODER_MISSING. The binary must
 * be known to start before fluent-ffmpeg gets it: once the capability cache is filled, a binary
 * that cannot be spawned makes fluent-ffmpeg throw from inside a child-process callback (an
 * uncaught TypeError) instead of reporting an error. The first binary is proven by the
 * capability queries themselves; a later one (the cache does not depend on the binary) by
 * starting it once.
 */
function readyToRun(binary: string): Promise<void> {
  let ready = startable.get(binary);
  if (ready === undefined) {
    const check = capabilityCache === undefined ? fillCapabilityCache(binary) : startsAt(binary);
    ready = check.catch((error: unknown) => {
      startable.delete(binary);
      throw startFailure('ffmpeg', error);
    });
    startable.set(binary, ready);
  }
  return ready;
}

function fillCapabilityCache(binary: string): Promise<void> {
  // The queries spawn their ffmpeg synchronously, with the path set now.
  ffmpeg.setFfmpegPath(binary);
  const filled = Promise.all([
    new Promise<void>((done, fail) =>
      ffmpeg.getAvailableFormats((error) => (error ? fail(error) : done())),
    ),
    new Promise<void>((done, fail) =>
      ffmpeg.getAvailableEncoders((error) => (error ? fail(error) : done())),
    ),
  ]).then(() => undefined);
  capabilityCache = filled.catch((error: unknown) => {
    capabilityCache = undefined;
    throw error;
  });
  return capabilityCache;
}

/** Resolves once the binary has been spawned (it prints its version and exits by itself). */
function startsAt(binary: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(binary, ['-version'], { stdio: 'ignore', windowsHide: true });
    child.once('spawn', () => done());
    child.once('error', fail);
  });
}

interface ProbeExit {
  exitCode: number | null;
  stdout: Buffer;
  /** The tail of stderr (ffprobe's error lines), for classifying failures; never shown to users. */
  stderr: string;
}

/**
 * Runs ffprobe without a shell (file names are passed verbatim) and collects its output; the
 * process is killed when the deadline passes or the signal aborts.
 */
function runProbe(binary: string, args: string[], limits: RunLimits): Promise<ProbeExit> {
  const { signal, timeoutMs } = limits;
  if (signal?.aborted) return Promise.reject(abortReason(signal));

  return new Promise<ProbeExit>((resolvePromise, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const stdoutChunks: Buffer[] = [];
    let stderr = '';
    let settled = false;

    const finish = (error: unknown, exit?: ProbeExit) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      signal?.removeEventListener('abort', onAbort);
      if (error === undefined) {
        resolvePromise(exit as ProbeExit);
        return;
      }
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      reject(error);
    };

    const onAbort = () => finish(abortReason(signal as AbortSignal));
    signal?.addEventListener('abort', onAbort, { once: true });
    const deadline = setTimeout(
      () => finish(timeoutError(limits.timeoutLabelMs ?? timeoutMs)),
      timeoutMs,
    );

    child.on('error', (error: NodeJS.ErrnoException) => finish(startFailure('ffprobe', error)));
    child.stdout.on('data', (chunk: Buffer) => stdoutChunks.push(chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr = (stderr + text).slice(-STDERR_TAIL_CHARS);
    });
    // 'close' fires after both pipes have drained, so stdout is complete.
    child.on('close', (exitCode) => {
      finish(undefined, { exitCode, stdout: Buffer.concat(stdoutChunks), stderr });
    });
  });
}

function notDecodable(): AnalysisError {
  return new AnalysisError('NOT_DECODABLE', 'not an audio file ffmpeg can decode');
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}

function timeoutError(labelMs: number): AnalysisError {
  return new AnalysisError('DECODE_TIMEOUT', `decoding timed out after ${formatSeconds(labelMs)}`);
}

/** A tool that could not be run at all, as a one-line error. */
function startFailure(tool: ToolName, error: unknown): AnalysisError {
  if (error instanceof AnalysisError) return error;
  const { code, message } = error as Partial<NodeJS.ErrnoException>;
  if (code === 'ENOENT' || code === 'EACCES') {
    return new AnalysisError(
      'DECODER_MISSING',
      `${tool} not found: install it (apt-get install ffmpeg)`,
    );
  }
  const detail = code ?? String(message).split('\n')[0];
  return new AnalysisError('DECODER_MISSING', `${tool} could not be started (${detail})`);
}

/** "60 s", "1.5 s", "20 ms": a duration in milliseconds as a short label. */
function formatSeconds(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${Math.round(ms / 100) / 10} s`;
}
