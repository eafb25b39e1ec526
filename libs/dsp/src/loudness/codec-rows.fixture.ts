import { missingCodecRow, type AnalysisResult, type CodecPreview } from '@mixscope/contracts';
import { withCodecPeaks } from './platforms.ts';

/** A codec preview whose AAC encode peaks at `aacPeakDbtp`, with Opus missing from this ffmpeg. */
export function codecRows(aacPeakDbtp: number): CodecPreview[] {
  const measured = (codec: 'aac' | 'vorbis' | 'mp3', bitrateKbps: number, peak: number) => ({
    codec,
    bitrateKbps,
    available: true,
    measuredSec: 10,
    truePeakDbtp: peak,
    overs: {
      clippedSamples: peak > 0 ? 12 : 0,
      truePeakOvers: peak > -1 ? 3 : 0,
      thresholdDbtp: -1,
    },
    integratedLufsDelta: -0.04,
    reasons: {},
  });
  return [
    measured('aac', 256, aacPeakDbtp),
    measured('vorbis', 320, aacPeakDbtp - 0.2),
    missingCodecRow('opus', 160, 'this ffmpeg has no libopus encoder for Opus'),
    measured('mp3', 320, aacPeakDbtp - 0.1),
  ];
}

/** The result with that preview, and its platform rows given their codec's peak. */
export function withCodecPreview(result: AnalysisResult, aacPeakDbtp: number): AnalysisResult {
  const codecs = codecRows(aacPeakDbtp);
  return {
    ...result,
    codecs,
    loudness: { ...result.loudness, platforms: withCodecPeaks(result.loudness.platforms, codecs) },
  };
}
