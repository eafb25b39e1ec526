import { describe, expect, it } from 'vitest';
import { buildAnalysisResult, buildSection } from '@mixscope/contracts/testing';
import { withPlatformRows } from '@mixscope/dsp/testing';
import type { Section } from '@mixscope/contracts';
import { checkText, groundingFacts } from '../llm/grounding.ts';
import { runRules } from './run-rules.ts';
import { sectionRole } from './section-roles.ts';

/** Intro, verse, chorus, verse, chorus, bridge, chorus: the chorus at `chorusLufs`, verses at -10. */
function song(chorusLufs: number, bridgeWidth = 30): Section[] {
  const at = (i: number) => ({ startSec: i * 24, endSec: (i + 1) * 24 });
  const verse = (i: number, repeatOf?: number) =>
    buildSection(
      { ...at(i), label: 'B', ...(repeatOf === undefined ? {} : { repeatOf }) },
      -10,
      50,
    );
  const chorus = (i: number, repeatOf?: number) =>
    buildSection(
      { ...at(i), label: 'C', chorusLike: true, ...(repeatOf === undefined ? {} : { repeatOf }) },
      chorusLufs,
      50,
    );
  return [
    buildSection({ ...at(0), label: 'A' }, -16, 40),
    verse(1),
    chorus(2),
    verse(3, 1),
    chorus(4, 2),
    buildSection({ ...at(5), label: 'D' }, -11, bridgeWidth),
    chorus(6, 2),
  ];
}

const withSong = (sections: Section[]) => buildAnalysisResult({ sections }, withPlatformRows);

describe('the sections rule', () => {
  it('says when the chorus does not lift over the verse', () => {
    const findings = runRules(withSong(song(-9.2)));
    const lift = findings.find((f) => f.id === 'sections.chorus-lift')!;
    expect(lift.severity).toBe('warning');
    expect(lift.message).toBe(
      'The chorus at 0:48 is only 0.8 LU louder than the verse: push it or pull the verse back.',
    );
  });

  it('is content with a chorus that lifts', () => {
    const lift = runRules(withSong(song(-7))).find((f) => f.id === 'sections.chorus-lift')!;
    expect(lift.severity).toBe('ok');
    expect(lift.message).toMatch(/is 3\.0 LU louder than the verse/);
  });

  it('names the bridge that loses width', () => {
    const findings = runRules(withSong(song(-7, 30)));
    const loss = findings.find((f) => f.id === 'sections.width-loss.5')!;
    expect(loss.message).toMatch(/^The bridge at 2:00 loses 40 % of its width/);
    expect(runRules(withSong(song(-7, 45))).some((f) => f.id.startsWith('sections.width'))).toBe(
      false,
    );
  });

  it('has nothing to say without sections', () => {
    expect(runRules(buildAnalysisResult()).some((f) => f.id.startsWith('sections.'))).toBe(false);
  });

  it('names sections by role', () => {
    const sections = song(-7);
    expect(sections.map((_, i) => sectionRole(sections, i))).toEqual([
      'intro',
      'verse',
      'chorus',
      'verse',
      'chorus',
      'bridge',
      'chorus',
    ]);
  });
});

describe('grounding of section sentences', () => {
  const result = withSong(song(-9.2, 30));
  const facts = groundingFacts(result, result.loudness.platforms);
  const problems = (text: string) => checkText(text, facts).map((issue) => issue.fact);

  it('accepts the rules sentences and section figures', () => {
    for (const finding of runRules(result).filter((f) => f.id.startsWith('sections.'))) {
      expect(problems(finding.message)).toEqual([]);
    }
    expect(problems('The chorus sits at -9.2 LUFS integrated.')).toEqual([]);
  });

  it('catches a wrong lift or a wrong width loss', () => {
    expect(problems('The chorus at 0:48 is only 3.5 LU louder than the verse.')).toEqual([
      'sectionLoudnessDifferenceLu',
    ]);
    expect(problems('The bridge loses 70 % of its width.')).toEqual(['sectionWidthLossPercent']);
    expect(problems('The bridge loses 40 % of its width.')).toEqual([]);
  });
});
