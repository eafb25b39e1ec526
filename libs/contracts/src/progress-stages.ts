/** The analyzer's stages for one track, in the order it runs them. Free of imports so the web app can load it. */
export const PROGRESS_STAGES = [
  'decoding',
  'loudness',
  'spectrum',
  'stereo',
  'tempo',
  'key',
  'codecs',
  'saving',
] as const;
