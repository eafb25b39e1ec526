import type { FfmpegBinaries } from '@mixscope/measure';

/** The ffmpeg and ffprobe the user named in the environment; unset, the system's PATH decides. */
export function ffmpegBinaries(env: NodeJS.ProcessEnv = process.env): FfmpegBinaries {
  return {
    ffmpegPath: env.FFMPEG_PATH || undefined,
    ffprobePath: env.FFPROBE_PATH || undefined,
  };
}
