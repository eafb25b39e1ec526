import type { BandName } from '../analysis/analysis-result.ts';

/** How each band is named to people: reports, feedback and the web app all use these words. */
export const BAND_LABELS: Readonly<Record<BandName, string>> = {
  sub: 'Sub',
  bass: 'Bass',
  lowMids: 'Low mids',
  mids: 'Mids',
  highMids: 'High mids',
  air: 'Air',
};
