import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { basename, delimiter, join, resolve } from 'node:path';
import ffmpeg from 'fluent-ffmpeg';
import { startFailure, toolMissing } from './run-tool.ts';

let activeBinary: string | undefined;
let capabilitiesReady: Promise<void> | undefined;

/**
 * Makes fluent-ffmpeg ready to run `ffmpegPath` (a path, or a name looked up on the PATH).
 *
 * The binary is located here and handed over as an absolute path: fluent-ffmpeg would otherwise
 * search for it itself, and when the binary it was given cannot be spawned it throws from inside
 * a child-process callback instead of reporting an error.
 *
 * Before its first command in a process, fluent-ffmpeg runs `ffmpeg -formats` and then
 * `ffmpeg -encoders` to check commands against them, and caches both lists for the process.
 * Filling that cache here, both at once, lets the caller overlap it with other start-up work
 * (the probe); afterwards it costs nothing. The cache does not depend on the binary, so a later
 * switch to another binary is assumed to support the same formats.
 *
 * fluent-ffmpeg keeps one ffmpeg path per process: a call with another path switches it for
 * every command that has not yet started its ffmpeg.
 *
 * Rejects with an AnalysisError (DECODER_MISSING).
 */
export async function prepareFfmpeg(ffmpegPath: string): Promise<void> {
  const binary = await findExecutable(ffmpegPath);
  if (binary === undefined) throw toolMissing('ffmpeg');
  if (binary !== activeBinary) {
    ffmpeg.setFfmpegPath(binary);
    activeBinary = binary;
  }
  capabilitiesReady ??= fillCapabilityCache().catch((error: unknown) => {
    capabilitiesReady = undefined;
    throw startFailure('ffmpeg', error);
  });
  return capabilitiesReady;
}

/** Runs the two queries fluent-ffmpeg's capability check makes, so their answers are cached. */
async function fillCapabilityCache(): Promise<void> {
  await Promise.all([
    new Promise<void>((done, fail) =>
      ffmpeg.getAvailableFormats((error) => (error ? fail(error) : done())),
    ),
    new Promise<void>((done, fail) =>
      ffmpeg.getAvailableEncoders((error) => (error ? fail(error) : done())),
    ),
  ]);
}

/** The absolute path of an executable file, given a path or a name to look up on the PATH. */
async function findExecutable(pathOrName: string): Promise<string | undefined> {
  const candidates =
    basename(pathOrName) !== pathOrName
      ? [resolve(pathOrName)]
      : (process.env.PATH ?? '')
          .split(delimiter)
          .filter(Boolean)
          .map((dir) => resolve(join(dir, pathOrName)));
  for (const candidate of candidates) {
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
