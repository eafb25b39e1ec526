import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { measureTrack, MeasurePool, type MeasuredTrack } from '@mixscope/measure';
import { type Progress, type TrackRole } from '@mixscope/contracts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ANALYZER_CONFIG, type AnalyzerConfig } from '../config/analyzer-config.ts';
import { AudioStorageService } from '../infra/audio-storage.service.ts';

/** A file name safe to create locally that keeps the upload's name (it appears in the result). */
export function localFileName(uploadName: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = basename(uploadName.replace(/\\/g, '/')).replace(/[\u0000-\u001f/]/g, '_');
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'audio' : cleaned;
}

/**
 * Downloads a track to a private temp directory and measures it with libs/measure, its waveform
 * levels included. Decoding runs in ffmpeg and measuring on a long-lived pool of worker threads,
 * so this process' event loop stays free to renew job locks.
 */
@Injectable()
export class TrackMeasurerService implements OnApplicationShutdown {
  private readonly pool: MeasurePool;

  constructor(
    @Inject(ANALYZER_CONFIG) private readonly config: AnalyzerConfig,
    private readonly storage: AudioStorageService,
  ) {
    this.pool = config.measureThreads ? new MeasurePool(config.measureThreads) : new MeasurePool();
  }

  async measure(
    track: { objectKey: string; fileName: string; role: TrackRole },
    onProgress: (progress: Progress) => void,
    signal?: AbortSignal,
  ): Promise<MeasuredTrack> {
    const dir = await mkdtemp(join(this.config.tmpDir ?? tmpdir(), 'mixscope-'));
    try {
      const path = join(dir, localFileName(track.fileName));
      onProgress({ stage: 'decoding', percent: 0 });
      await this.storage.download(track.objectKey, path, signal);
      return await measureTrack(path, {
        pool: this.pool,
        // The role decides the codec preview: the mix is encoded, a reference is not (as in the CLI).
        role: track.role,
        signal,
        onProgress,
        maxDurationSec: this.config.maxDurationSec,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }
}
