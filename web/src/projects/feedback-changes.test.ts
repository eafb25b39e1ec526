import { describe, expect, it } from 'vitest';
import type { Finding } from '@mixscope/contracts';
import {
  buildAnalysisResult,
  buildReferenceTrack,
  buildSampleFeedback,
  withReference as withReferenceOf,
} from '@mixscope/contracts/testing';
import { compareResults } from '@mixscope/dsp';
import { feedbackChanges } from './feedback-changes.ts';

const finding = (
  id: string,
  severity: Finding['severity'],
  title = id,
  area: Finding['area'] = 'loudness',
): Finding => ({
  id,
  area,
  severity,
  title,
  metric: 'loudness.integratedLufs',
  measured: null,
  unit: '',
  target: null,
  action: 'Do the thing.',
  message: `${title}.`,
});

const revision = (findings: Finding[], result = buildAnalysisResult()) => ({
  result,
  report: buildSampleFeedback({ findings }),
});
const withReference = () =>
  withReferenceOf(buildAnalysisResult(), buildReferenceTrack(), compareResults);

describe('feedbackChanges', () => {
  it('matches findings by id: fixed, new and still open', () => {
    const older = revision([
      finding('true-peak.over', 'error', 'True peak over the ceiling'),
      finding('spectrum.band.sub', 'warning'),
      finding('stereo.width', 'ok'),
    ]);
    const newer = revision([
      finding('true-peak.ok', 'ok'),
      finding('spectrum.band.sub', 'warning'),
      finding('stereo.width', 'warning', 'Too narrow'),
    ]);
    const changes = feedbackChanges(older, newer);
    expect(changes.basis).toBe('findings');
    expect(changes.fixed.map((p) => p.key)).toEqual(['true-peak.over']);
    expect(changes.fixed[0].title).toBe('True peak over the ceiling');
    expect(changes.added.map((p) => p.key)).toEqual(['stereo.width']);
    expect(changes.added[0].title).toBe('Too narrow');
    expect(changes.remaining.map((p) => p.key)).toEqual(['spectrum.band.sub']);
  });

  it('counts warnings and errors as problems, not notes', () => {
    const older = revision([finding('loudness.platform.spotify', 'info')]);
    const newer = revision([finding('genre.profile', 'info'), finding('stereo.width', 'warning')]);
    const changes = feedbackChanges(older, newer);
    expect(changes.fixed).toEqual([]);
    expect(changes.added.map((p) => p.key)).toEqual(['stereo.width']);
  });

  it('leaves reference findings out unless both revisions have a reference', () => {
    const air = finding('reference.band.air', 'warning', 'Air below the reference', 'reference');
    const dropped = feedbackChanges(revision([air], withReference()), revision([]));
    expect(dropped.referenceCompared).toBe(false);
    expect(dropped.fixed).toEqual([]);
    const both = feedbackChanges(revision([air], withReference()), revision([], withReference()));
    expect(both.referenceCompared).toBe(true);
    expect(both.fixed.map((p) => p.key)).toEqual(['reference.band.air']);
  });

  it('counts a check that fires twice (per channel) once', () => {
    const older = revision([]);
    const newer = revision([
      finding('hygiene.clipping', 'error'),
      finding('hygiene.clipping', 'error'),
    ]);
    expect(feedbackChanges(older, newer).added).toHaveLength(1);
  });

  it('compares the measured issues while a report is still being written', () => {
    const older = { result: buildAnalysisResult(), report: null };
    const newer = {
      result: buildAnalysisResult({ issues: [] }),
      report: buildSampleFeedback(),
    };
    const changes = feedbackChanges(older, newer);
    expect(changes.basis).toBe('issues');
    expect(changes.fixed.map((p) => p.key).sort()).toEqual([
      'hygiene.clipping',
      'hygiene.true-peak-over',
    ]);
    expect(changes.added).toEqual([]);
    expect(changes.fixed.find((p) => p.key === 'hygiene.clipping')?.title).toBe('Clipping');
  });
});
