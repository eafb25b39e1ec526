import { describe, expect, it } from 'vitest';
import { compareResults } from '@mixscope/dsp';
import {
  buildAnalysisResult,
  buildReferenceFor,
  stereoBands,
  withReference,
  type AnalysisResultOverrides,
} from '@mixscope/contracts/testing';
import { withPlatformRows } from '@mixscope/dsp/testing';
import { groundedReport, misquotingReport } from '../test-support/llm-replies.ts';
import { checkGrounding, checkText, groundingFacts } from './grounding.ts';

/** The figures the quotes below are checked against; PLR and the platform rows follow from them. */
const MEASURED: AnalysisResultOverrides = {
  // → PLR 10.5 dB; Spotify turns it down 4.3 dB.
  loudness: {
    integratedLufs: -9.7,
    truePeakDbtp: 0.8,
    shortTermMaxLufs: -8.1,
    loudnessRangeLu: 5.2,
    dynamicRangeDb: 7,
  },
  stereo: { widthScore: 35, bands: stereoBands([0.98, 0.95, 0.85, 0.7, 0.55, 0.45]) },
  tempo: { bpm: 118 },
};
const result = buildAnalysisResult(MEASURED, withPlatformRows);
const facts = groundingFacts(result, result.loudness.platforms);
const problems = (text: string) => checkText(text, facts).map((issue) => issue.fact);

describe('grounding', () => {
  it('accepts figures quoted as measured, in either order and with rounding', () => {
    expect(problems('Integrated loudness is -9.7 LUFS.')).toEqual([]);
    expect(problems('The master sits at -9.7 LUFS integrated.')).toEqual([]);
    expect(problems('The integrated loudness of about -10 LUFS is typical.')).toEqual([]);
    expect(problems('True peak reaches +0.8 dBTP.')).toEqual([]);
    expect(problems('It peaks at 0.8 dBTP.')).toEqual([]);
    expect(problems('A PLR of 10.5 dB and a short-term max of -8.1 LUFS.')).toEqual([]);
    expect(problems('Spotify turns it down 4.3 dB.')).toEqual([]);
    expect(problems('The sub correlation of 0.98 is fine; width score 35.')).toEqual([]);
    expect(problems('At 118 BPM the groove is steady.')).toEqual([]);
    expect(problems('Loudness range of 5.2 LU; DR 7.')).toEqual([]);
  });

  it('rejects figures that contradict the measurements', () => {
    expect(problems('Integrated loudness is -6.0 LUFS.')).toEqual(['integratedLufs']);
    expect(problems('The master sits at -13.4 LUFS integrated.')).toEqual(['integratedLufs']);
    expect(problems('True peak of -1.5 dBTP leaves headroom.')).toEqual(['truePeakDbtp']);
    expect(problems('Spotify turns it down 2.0 dB.')).toEqual(['platformGainDb']);
    expect(problems('The sub correlation of 0.2 is a problem.')).toEqual(['correlation']);
    expect(problems('At 140 BPM it rushes.')).toEqual(['tempoBpm']);
    expect(problems('A PLR of 6.0 dB is low.')).toEqual(['plrDb']);
    expect(problems('Loudness range of 12 LU.')).toEqual(['loudnessRangeLu']);
  });

  it('leaves targets, ranges and differences alone', () => {
    expect(problems('Lower the limiter ceiling to -1.0 dBTP.')).toEqual([]);
    expect(problems('Bring the true peak down to -1.0 dBTP.')).toEqual([]);
    expect(problems('Keep the true peak at -1 dBTP.')).toEqual([]);
    expect(problems('Aim for a PLR around 9 dB.')).toEqual([]);
    expect(
      problems('Pop masters sit between -11 and -7 LUFS; target -14 LUFS for Spotify.'),
    ).toEqual([]);
    expect(problems('The PLR is 2 dB lower than the reference.')).toEqual([]);
    expect(problems('Cut 3 dB at 60 Hz with a Q of 0.7.')).toEqual([]);
    expect(problems('The loudness range of 3 to 8 LU is typical.')).toEqual([]);
    expect(problems('A correlation of 0 means the channels are unrelated.')).toEqual([]);
    expect(problems('The tempo of 4/4 pop is steady.')).toEqual([]);
  });

  it('accepts the reference track figures as well', () => {
    const reference = buildReferenceFor(
      result,
      [0, 0, 0, 0, 0, 0],
      { file: { name: 'ref.wav' }, loudness: { integratedLufs: -8.2 } },
      withPlatformRows,
    );
    const withRef = withReference(result, reference, compareResults);
    const refFacts = groundingFacts(withRef, withRef.loudness.platforms);
    expect(checkText('The reference sits at -8.2 LUFS integrated.', refFacts)).toEqual([]);
  });

  it('passes a grounded report and catches a misquoting one', () => {
    expect(checkGrounding(groundedReport(result), facts)).toEqual([]);
    const issues = checkGrounding(misquotingReport(result), facts);
    expect(issues.length).toBeGreaterThan(0);
    expect(
      issues.every((issue) => issue.fact === 'integratedLufs' || issue.fact === 'loudnessLufs'),
    ).toBe(true);
    expect(issues[0].quoted).toBeCloseTo(-6, 5);
  });
});
