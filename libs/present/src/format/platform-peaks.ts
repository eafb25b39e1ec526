import { findPlatform, truePeakOverLimit, type PlatformRow } from '@mixscope/contracts';

/**
 * Whether the track plays above the platform's true-peak limit once the platform has applied its
 * gain: what "How it will play" flags. Read from the row's figures, so documents stored before
 * `exceedsTruePeakLimit` meant this read the same.
 */
export function playsOverLimit(row: PlatformRow): boolean {
  return truePeakOverLimit(row.resultingTruePeakDbtp, row.truePeakLimitDbtp) === true;
}

/**
 * Whether the file as delivered peaks above the limit of a platform that checks the master before
 * its gain (it encodes the upload as it is), even when the turned-down track plays under it.
 */
export function masterOverDeliveryLimit(row: PlatformRow): boolean {
  if (findPlatform(row.id)?.truePeakLimitAppliesTo !== 'master') return false;
  if (row.resultingTruePeakDbtp === null || row.gainDb === null) return false;
  return truePeakOverLimit(row.resultingTruePeakDbtp - row.gainDb, row.truePeakLimitDbtp) === true;
}

/**
 * Whether the platform's codec, decoded and turned by the platform's gain, plays above its limit
 * (full scale where it states none): what will really go over. False where it was not measured.
 */
export function codecPlaysOver(row: PlatformRow): boolean {
  return row.codecExceedsTruePeakLimit === true;
}
