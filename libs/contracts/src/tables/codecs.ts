import { z } from 'zod';

/**
 * The lossy codecs streaming delivery uses, at the bit rates the codec preview encodes with: the
 * highest each service is known to stream (AAC 256 kb/s Apple Music, Ogg Vorbis 320 kb/s Spotify
 * "very high", Opus 160 kb/s YouTube, MP3 320 kb/s Deezer).
 */
export const CODEC_PREVIEWS = [
  { codec: 'aac', name: 'AAC', bitrateKbps: 256 },
  { codec: 'vorbis', name: 'Ogg Vorbis', bitrateKbps: 320 },
  { codec: 'opus', name: 'Opus', bitrateKbps: 160 },
  { codec: 'mp3', name: 'MP3', bitrateKbps: 320 },
] as const;

export const codecIdSchema = z.enum(['aac', 'vorbis', 'opus', 'mp3']);
export type CodecId = z.infer<typeof codecIdSchema>;

export function codecName(codec: CodecId): string {
  return CODEC_PREVIEWS.find((entry) => entry.codec === codec)?.name ?? codec;
}

/**
 * Interpolated values of the decoded encode above this level count as true-peak overs: the
 * -1 dBTP most platforms ask of a master (samples over 0 dBFS are counted apart, as clipped).
 */
export const CODEC_OVER_THRESHOLD_DBTP = -1;
