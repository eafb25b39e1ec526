import { platformTable, round } from '@mixscope/dsp';
import type { MeasuredSections } from './measure-tasks.ts';
import type { AnalysisResult, FileInfo, Reasons } from '@mixscope/contracts';
import { ANALYZER_VERSION } from './version.ts';

/** Puts the independent measurements together into one result document. */
export function assembleResult(
  file: FileInfo,
  outputs: MeasuredSections,
  timingsMs: Record<string, number>,
): AnalysisResult {
  const { monoFoldDownLufs, issues } = outputs.loudness;
  // The platform table is worked out here, on the calling thread: the measure workers never load
  // the platforms' table.
  const { reasons: loudnessReasons, ...loudnessFigures } = outputs.loudness.loudness;
  const loudness = {
    ...loudnessFigures,
    platforms: platformTable(loudnessFigures.integratedLufs, loudnessFigures.truePeakDbtp),
    reasons: loudnessReasons,
  };
  const { spectrum } = outputs.spectrum;
  const reasons: Reasons = {};

  let stereo = outputs.spectrum.stereo;
  if (stereo === null) {
    reasons.stereo =
      file.channels === 1
        ? 'mono file: there is no stereo image'
        : 'no left/right channel pair in this layout';
  } else {
    const integrated = loudness.integratedLufs;
    const loss =
      integrated !== null && monoFoldDownLufs !== null
        ? round(monoFoldDownLufs - integrated)
        : null;
    const monoCompatibility = { ...stereo.monoCompatibility, foldDownLossDb: loss };
    const stereoReasons = { ...stereo.reasons };
    if (loss === null) stereoReasons.foldDownLossDb = whyNoFoldDownLoss(file, integrated);
    stereo = { ...stereo, monoCompatibility, reasons: stereoReasons };
  }

  const { tempo, key, transients, transientsReason } = outputs.rhythm;
  if (transients === null) reasons.transients = transientsReason ?? 'not measured';
  const { sections, reason: sectionsReason } = outputs.loudness.sections;
  if (sections === null) reasons.sections = sectionsReason ?? 'not measured';

  return {
    schemaVersion: 1,
    analyzer: { name: 'mixscope', version: ANALYZER_VERSION },
    file,
    loudness,
    spectrum,
    stereo,
    tempo,
    key,
    transients,
    issues,
    sections,
    timingsMs,
    reasons,
  };
}

/**
 * The fold-down is measured on two channels: a stereo file's, or the stereo downmix of a file with
 * more channels. A mono file has none.
 */
function whyNoFoldDownLoss(file: FileInfo, integratedLufs: number | null): string {
  if (file.channels < 2)
    return 'the mono fold-down is measured for two-channel audio; this file is mono';
  if (integratedLufs === null) return 'no integrated loudness (silence or shorter than 400 ms)';
  return 'the mono fold-down cancels to silence';
}
