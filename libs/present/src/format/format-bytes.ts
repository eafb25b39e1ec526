const UNITS = ['KB', 'MB', 'GB', 'TB'];
const STEP = 1024;

/**
 * A file size in binary multiples (1 KB = 1024 B, 1 MB = 1024² B), the way the upload limit is
 * defined (UPLOAD_MAX_BYTES defaults to 120 × 1024² bytes), so the limit reads exactly "120 MB"
 * wherever it is shown. An exact multiple prints without decimals ("120 MB"), anything else with
 * one ("41.2 MB", "120.0 MB" for a byte over the limit).
 */
export function formatBytes(bytes: number): string {
  if (bytes < STEP) return `${bytes} B`;
  let scale = STEP;
  let unit = 0;
  // Move up while the rounded figure would reach the next unit ("1024.0 KB" is "1 MB").
  while (unit < UNITS.length - 1 && Number((bytes / scale).toFixed(1)) >= STEP) {
    scale *= STEP;
    unit += 1;
  }
  const value = bytes / scale;
  const text = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return `${text} ${UNITS[unit]}`;
}
