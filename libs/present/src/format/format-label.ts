import { BAND_LABELS } from '@mixscope/contracts';

const BAND_LABEL_BY_NAME: Readonly<Record<string, string>> = BAND_LABELS;

/** "lowMids" → "Low mids"; a name outside the band table is shown as it is. */
export function bandLabel(name: string): string {
  return BAND_LABEL_BY_NAME[name] ?? name;
}

/** "shortTermMaxLufs" → "Short term max lufs", for ids without a label of their own. */
export function humanize(id: string): string {
  const words = id
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[._-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
