import { spawn } from 'node:child_process';
import { endianness } from 'node:os';
import { basename, resolve } from 'node:path';
import { AnalysisError } from '../errors.ts';

/**
 * The one module that starts ffmpeg or ffprobe. The rest of the library sees `probe` (ffprobe's
 * description of a file) and `decode` (a file's first audio stream as 32-bit float samples,
 * streamed as they are decoded).
 */

export interface FfmpegBinaries {
  /** The ffmpeg binary: a path, or a name the system looks up on the PATH. Default `ffmpeg`. */
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
 * Describes a file's container and streams with ffprobe, which is killed on time-out or abort, so
 * a file that makes ffprobe hang cannot hang the caller. Rejects with an AnalysisError, or with the
 * signal's reason on abort.
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
 * (more channels are downmixed, see DOWNMIX_FILTER). ffmpeg is started directly, like ffprobe: a
 * wrapper such as fluent-ffmpeg first runs `ffmpeg -formats` and `ffmpeg -encoders` to check the
 * command against them, two more processes per run of the CLI that cost more CPU time than the
 * decode of a 4-minute WAV. ffmpeg is killed (SIGKILL) when the deadline passes, the signal
 * aborts, or `onSamples` throws. Rejects with an AnalysisError, or with the signal's reason on abort.
 */
export function decode(path: string, request: DecodeRequest): Promise<DecoderExit> {
  const { signal, timeoutMs, onSamples } = request;
  if (signal?.aborted) return Promise.reject(abortReason(signal));

  return new Promise<DecoderExit>((resolvePromise, reject) => {
    const child = spawn(request.ffmpegPath ?? 'ffmpeg', decodeArguments(path), {
      stdio: ['ignore', 'pipe', 'ignore'],
      windowsHide: true,
    });
    let settled = false;

    const settle = (error: unknown, exit?: DecoderExit) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      signal?.removeEventListener('abort', onAbort);
      if (error === undefined) {
        resolvePromise(exit as DecoderExit);
        return;
      }
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      reject(error);
    };

    const onAbort = () => settle(abortReason(signal as AbortSignal));
    signal?.addEventListener('abort', onAbort, { once: true });
    const deadline = setTimeout(
      () => settle(timeoutError(request.timeoutLabelMs ?? timeoutMs)),
      timeoutMs,
    );

    child.on('error', (error: NodeJS.ErrnoException) => settle(startFailure('ffmpeg', error)));
    child.stdout.on('data', (chunk: Buffer) => {
      if (settled) return;
      try {
        onSamples(chunk);
      } catch (error) {
        settle(error);
      }
    });
    // 'close' comes once stdout has drained, so every sample has been delivered.
    child.on('close', (exitCode) => settle(undefined, { exitedCleanly: exitCode === 0 }));
  });
}

/**
 * No -ar: ffmpeg keeps the decoder's native rate, the value ffprobe reports (both read it from the
 * same decoder). Mono and stereo pass as they are; more channels are folded to stereo by ffmpeg's
 * own downmix (libswresample's matrix: ITU-R BS.775 Lo/Ro, centre and surrounds at −3 dB, LFE left
 * out). The filter works in float, where libswresample does not normalise its matrix, so the
 * downmix keeps the channels' level (an s16 stage would scale it down to avoid clipping).
 * Packets are not flushed one by one, which halves the number of pipe reads.
 */
const DOWNMIX_FILTER = 'aformat=sample_fmts=flt:channel_layouts=mono|stereo';

function decodeArguments(path: string): string[] {
  const littleEndian = endianness() === 'LE';
  return [
    ...['-nostdin', '-hide_banner', '-v', 'error', '-protocol_whitelist', 'file'],
    ...['-i', ffmpegInput(path), '-map', '0:a:0', '-flush_packets', '0', '-af', DOWNMIX_FILTER],
    ...['-c:a', littleEndian ? 'pcm_f32le' : 'pcm_f32be', '-f', littleEndian ? 'f32le' : 'f32be'],
    'pipe:1',
  ];
}

/** The file: prefix stops ffmpeg reading names such as "pipe:1" or "http:…" as protocols. */
function ffmpegInput(path: string): string {
  return `file:${resolve(path)}`;
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
