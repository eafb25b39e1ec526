import { spawn } from 'node:child_process';
import { AnalysisError } from '../errors.ts';

export type ToolName = 'ffmpeg' | 'ffprobe';

export interface ToolPaths {
  /**
   * Path to the ffmpeg binary; defaults to $FFMPEG_PATH, then `ffmpeg` on the PATH. fluent-ffmpeg
   * holds one ffmpeg path per process, so a decode given another path switches it for all.
   */
  ffmpegPath?: string;
  /** Path to the ffprobe binary; defaults to $FFPROBE_PATH, then `ffprobe` on the PATH. */
  ffprobePath?: string;
}

export function toolPath(tool: ToolName, paths: ToolPaths = {}): string {
  if (tool === 'ffmpeg') return paths.ffmpegPath ?? process.env.FFMPEG_PATH ?? 'ffmpeg';
  return paths.ffprobePath ?? process.env.FFPROBE_PATH ?? 'ffprobe';
}

export interface RunToolOptions {
  signal?: AbortSignal;
  /** Kill the process and fail with DECODE_TIMEOUT after this long. */
  timeoutMs: number;
  /** How the time-out reads in the error message (it may be the caller's overall budget). */
  timeoutLabelMs?: number;
}

export interface ToolExit {
  exitCode: number | null;
  stdout: Buffer;
  /** The tail of stderr (ffmpeg's error lines), for classifying failures; never shown to users. */
  stderr: string;
}

const STDERR_TAIL_CHARS = 8192;

/**
 * Runs a tool without a shell (file names are passed verbatim) and collects its output; the
 * process is killed when the time-out fires or the signal aborts. Rejects with an AnalysisError,
 * or with the signal's reason on abort. ffprobe runs here rather than through fluent-ffmpeg,
 * whose ffprobe wrapper offers no time-out and no way to stop the process.
 */
export function runTool(
  tool: ToolName,
  args: string[],
  paths: ToolPaths,
  options: RunToolOptions,
): Promise<ToolExit> {
  const { signal, timeoutMs } = options;
  if (signal?.aborted) return Promise.reject(abortReason(signal));

  return new Promise<ToolExit>((resolve, reject) => {
    const child = spawn(toolPath(tool, paths), args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const stdoutChunks: Buffer[] = [];
    let stderr = '';
    let settled = false;

    const finish = (error: unknown, exit?: ToolExit) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error === undefined) {
        resolve(exit as ToolExit);
        return;
      }
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      reject(error);
    };

    const onAbort = () => finish(abortReason(signal as AbortSignal));
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(
      () => finish(timeoutError(options.timeoutLabelMs ?? timeoutMs)),
      timeoutMs,
    );

    child.on('error', (error: NodeJS.ErrnoException) => finish(startFailure(tool, error)));
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

export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}

export function timeoutError(labelMs: number): AnalysisError {
  return new AnalysisError('DECODE_TIMEOUT', `decoding timed out after ${formatSeconds(labelMs)}`);
}

export function toolMissing(tool: ToolName): AnalysisError {
  return new AnalysisError(
    'DECODER_MISSING',
    `${tool} not found: install it (apt-get install ffmpeg)`,
  );
}

/** A tool that could not be run at all, as a one-line error. */
export function startFailure(tool: ToolName, error: unknown): AnalysisError {
  const { code, message } = error as Partial<NodeJS.ErrnoException>;
  if (code === 'ENOENT' || code === 'EACCES') return toolMissing(tool);
  const detail = code ?? String(message).split('\n')[0];
  return new AnalysisError('DECODER_MISSING', `${tool} could not be started (${detail})`);
}

/** "60 s", "1.5 s", "20 ms": a duration in milliseconds as a short label. */
function formatSeconds(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${Math.round(ms / 100) / 10} s`;
}
