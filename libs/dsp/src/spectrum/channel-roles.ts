/** Which channels feed the spectrum and which pair the stereo measurement, for any layout. */
export interface ChannelRoles {
  /** Channels averaged into the signal whose spectrum is reported. */
  spectrum: number[];
  /** Left and right of the stereo pair, or null when the layout has none. */
  pair: [number, number] | null;
  /** Set for layouts with more than two channels: what was measured, for the reasons maps. */
  spectrumNote: string | null;
  pairNote: string | null;
}

const isLfe = (label: string | undefined): boolean =>
  label !== undefined && /^LFE\d*$/i.test(label);

export function channelRoles(channelCount: number, labels: readonly string[]): ChannelRoles {
  const all = Array.from({ length: channelCount }, (_, i) => i);
  if (channelCount <= 1) return { spectrum: all, pair: null, spectrumNote: null, pairNote: null };
  if (channelCount === 2)
    return { spectrum: all, pair: [0, 1], spectrumNote: null, pairNote: null };

  const named = (i: number): string => labels[i] ?? `channel ${i + 1}`;
  const nonLfe = all.filter((i) => !isLfe(labels[i]));
  const spectrum = nonLfe.length > 0 ? nonLfe : all;
  const spectrumNote = `${channelCount}-channel file: spectrum of the mean of ${spectrum.length === channelCount ? 'all' : 'the non-LFE'} channels (${spectrum.map(named).join(', ')})`;

  const left = labels.indexOf('FL');
  const right = labels.indexOf('FR');
  let pair: [number, number] | null = null;
  let pairNote: string | null = null;
  if (left >= 0 && right >= 0) {
    pair = [left, right];
    pairNote = `${channelCount}-channel file: stereo measured on the front pair (FL, FR)`;
  } else if (labels.length < channelCount) {
    // No layout given: decoders put the front left/right pair first.
    pair = [0, 1];
    pairNote = `${channelCount}-channel file without a channel layout: stereo measured on channels 1 and 2 as the front pair`;
  }
  return { spectrum, pair, spectrumNote, pairNote };
}
