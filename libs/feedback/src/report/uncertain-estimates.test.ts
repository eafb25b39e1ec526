import { describe, expect, it } from 'vitest';
import { measuredMix } from '@mixscope/dsp/testing';
import { buildPrompt } from '../llm/prompt.ts';
import { pickProfileAutomatically } from '../profiles/auto-genre.ts';
import { evaluateRules } from '../rules/run-rules.ts';
import { buildRulesReport } from './rules-report.ts';
import { uncertainEstimatesNote } from './uncertain-estimates.ts';

const guessedTempo = (bpm: number) => ({ bpm, confidence: 0.12, uncertain: true });
const guessedKey = {
  tonic: 'A' as const,
  mode: 'minor' as const,
  label: 'A minor',
  confidence: 0.2,
  uncertain: true,
};

function rulesReport(result: ReturnType<typeof measuredMix>, genre?: string) {
  const { findings, selected } = evaluateRules(result, { genre });
  return { findings, report: buildRulesReport(result, findings, selected, 'no API key') };
}

describe('uncertain tempo and key in the feedback', () => {
  it('says in the rules report that the tempo and key are guesses nothing relies on', () => {
    const { report } = rulesReport(
      measuredMix({ tempo: guessedTempo(90), key: guessedKey }),
      'pop',
    );
    expect(report.summary).toContain(
      'The tempo ≈ 90 BPM (uncertain, confidence 12 %) and the key ≈ A minor (uncertain, confidence 20 %) are guesses: no advice here relies on them.',
    );
    const sure = rulesReport(
      measuredMix({ tempo: { bpm: 128, confidence: 0.9, uncertain: false } }),
      'pop',
    ).report;
    expect(sure.summary).not.toContain('guess');
  });

  it('names one guess alone, and reads the threshold for analyses without the flag', () => {
    expect(
      uncertainEstimatesNote(
        measuredMix({ tempo: { bpm: 70, confidence: 0.1, uncertain: undefined } }),
      ),
    ).toMatch(
      /^The tempo ≈ 70 BPM \(uncertain, confidence 10 %\) is a guess: no advice here relies on it\.$/,
    );
    expect(
      uncertainEstimatesNote(
        measuredMix({ tempo: { bpm: 70, confidence: 0.8, uncertain: undefined } }),
      ),
    ).toBeNull();
  });

  it('bases no finding on an uncertain tempo: the findings are the same whatever it reads', () => {
    const at = (bpm: number) =>
      rulesReport(measuredMix({ tempo: guessedTempo(bpm), key: guessedKey })).findings;
    expect(at(60)).toEqual(at(180));
    expect(pickProfileAutomatically(measuredMix({ tempo: guessedTempo(60) })).ranking).toEqual(
      pickProfileAutomatically(measuredMix({ tempo: guessedTempo(180) })).ranking,
    );
    // A sure tempo does count.
    const sure = (bpm: number) =>
      pickProfileAutomatically(measuredMix({ tempo: { bpm, confidence: 0.9, uncertain: false } }))
        .ranking;
    expect(sure(75)).not.toEqual(sure(175));
  });

  it('flags them for the LLM and tells it to rely on neither', () => {
    const result = measuredMix({ tempo: guessedTempo(90), key: guessedKey });
    const { findings, selected, platforms } = evaluateRules(result, { genre: 'pop' });
    const [system, user] = buildPrompt({ result, selected, platforms, findings });
    expect(system.content).toMatch(/"uncertain": true is a guess.*base no advice on it/);
    expect(user.content.replace(/\s+/g, '')).toContain('"tempo":{"bpm":90,"confidence":0.12');
    const digest = JSON.parse(user.content.slice(user.content.indexOf('{')));
    const measured = JSON.stringify(digest);
    expect(measured).toContain('"uncertain":true');
    expect(measured).toContain('"key":{"label":"A minor","confidence":0.2,"uncertain":true}');
  });
});
