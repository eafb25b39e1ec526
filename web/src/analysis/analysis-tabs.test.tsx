// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { compareResults } from '@mixscope/dsp';
import {
  buildMonoFile,
  buildReferenceTrack,
  buildSampleFeedback,
  withReference,
} from '@mixscope/contracts/testing';
import { measuredMix, withPlatformRows } from '@mixscope/dsp/testing';
import { ComparisonTab } from './comparison-tab.tsx';
import { LoudnessTab } from './loudness-tab.tsx';
import { OverviewTab } from './overview-tab.tsx';
import { StereoSpectrumTab } from './stereo-spectrum-tab.tsx';
import { SuggestionsTab } from './suggestions-tab.tsx';
import { genreById, genreForChoice } from '../lib/genre-profiles.ts';

afterEach(cleanup);

const card = (container: HTMLElement, metric: string) =>
  container.querySelector(`[data-metric="${metric}"] [data-testid="metric-value"]`)?.textContent;

describe('OverviewTab', () => {
  it('shows the headline figures, the top issues and how each platform will play the track', () => {
    const result = measuredMix();
    const { container } = render(<OverviewTab result={result} feedback={buildSampleFeedback()} />);
    expect(card(container, 'integratedLufs')).toBe(result.loudness.integratedLufs!.toFixed(1));
    expect(card(container, 'truePeakDbtp')).toBe(result.loudness.truePeakDbtp!.toFixed(1));
    expect(card(container, 'key')).toBe(result.key!.label);
    expect(screen.getByText('True peak over the ceiling')).toBeTruthy();
    expect(screen.queryByText('Stereo width in range')).toBeNull(); // an `ok` finding is not an issue
    const table = screen.getByRole('table', { name: 'Platform loudness' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(result.loudness.platforms.length);
    const spotify = rows.find((row) => row.getAttribute('data-platform') === 'spotify')!;
    const gain = -14 - (result.loudness.integratedLufs as number);
    expect(spotify.textContent).toContain(`${gain.toFixed(1)} dB`);
  });

  it('marks a tempo and key below the confidence threshold as uncertain, and not the others', () => {
    const guess = measuredMix({
      tempo: { bpm: 90.04, confidence: 0.12, uncertain: true },
      key: { tonic: 'A', mode: 'minor', label: 'A minor', confidence: 0.2, uncertain: true },
    });
    const { container } = render(<OverviewTab result={guess} feedback={null} />);
    const tempoCard = container.querySelector('[data-metric="bpm"]')!;
    expect(card(container, 'bpm')).toBe('≈ 90 BPM');
    expect(tempoCard.textContent).toContain('uncertain, confidence 12 %');
    expect(tempoCard.className).toContain('tone-warn');
    expect(card(container, 'key')).toBe('≈ A minor');
    expect(container.querySelector('[data-metric="key"]')!.textContent).toContain(
      'uncertain, confidence 20 %',
    );
    cleanup();

    const sure = measuredMix({ tempo: { bpm: 128, confidence: 0.9, uncertain: false } });
    const again = render(<OverviewTab result={sure} feedback={null} />).container;
    expect(card(again, 'bpm')).toBe('128.0');
    expect(again.querySelector('[data-metric="bpm"]')!.textContent).toContain('confidence 90 %');
    expect(again.querySelector('[data-metric="bpm"]')!.textContent).not.toContain('uncertain');
  });

  it('falls back to the analyzer’s issues when there is no report yet', () => {
    const result = measuredMix();
    render(<OverviewTab result={result} feedback={null} />);
    for (const issue of result.issues) expect(screen.getByText(issue.message)).toBeTruthy();
  });
});

describe('LoudnessTab', () => {
  it('has the loudness chart and the six dynamics cards', () => {
    const result = measuredMix();
    const { container } = render(<LoudnessTab result={result} chartWidth={800} />);
    expect(container.querySelectorAll('.recharts-line-curve')).toHaveLength(2);
    for (const metric of [
      'integratedLufs',
      'loudnessRangeLu',
      'truePeakDbtp',
      'plrDb',
      'dynamicRangeDb',
      'crestFactorDb',
    ]) {
      expect(card(container, metric), metric).not.toBe('—');
    }
    expect(card(container, 'plrDb')).toBe(
      (result.loudness.truePeakDbtp! - result.loudness.integratedLufs!).toFixed(1),
    );
  });
});

describe('StereoSpectrumTab', () => {
  it('shows the spectrum, the band balance against the profile and the stereo figures', () => {
    const result = measuredMix();
    const { container } = render(
      <StereoSpectrumTab result={result} feedback={buildSampleFeedback()} chartWidth={800} />,
    );
    expect(container.textContent).toContain('against Pop');
    expect(container.querySelectorAll('circle[data-band]')).toHaveLength(6);
    expect(container.querySelectorAll('path[data-band]')).toHaveLength(6);
    expect(card(container, 'correlation')).toBe(result.stereo!.correlation!.toFixed(2));
  });

  it('draws the union of the candidates’ ranges when the automatic choice was unsure', () => {
    const unsure = buildSampleFeedback({
      profile: {
        id: 'classical',
        name: 'Classical / orchestral or Jazz',
        chosenBy: 'auto',
        reason: 'auto: between Classical / orchestral and Jazz',
        sure: false,
        candidates: [
          { id: 'classical', name: 'Classical / orchestral', score: 0.4 },
          { id: 'jazz', name: 'Jazz', score: 0.5 },
        ],
      },
    });
    const { container } = render(
      <StereoSpectrumTab result={measuredMix()} feedback={unsure} chartWidth={800} />,
    );
    expect(container.textContent).toContain('against Classical / orchestral or Jazz');
    const union = genreForChoice(unsure.profile)!;
    const [classical, jazz] = [genreById('classical')!, genreById('jazz')!];
    expect(union.bands.sub).toEqual({
      min: Math.min(classical.bands.sub.min, jazz.bands.sub.min),
      max: Math.max(classical.bands.sub.max, jazz.bands.sub.max),
    });
    expect(genreForChoice({ ...unsure.profile, sure: true })).toBe(classical);
    cleanup();
    render(<SuggestionsTab feedback={unsure} />);
    expect(
      screen.getByText(/Genre profile unsure: judged against the union of Classical/),
    ).toBeTruthy();
  });

  it('says a mono file has no stereo image', () => {
    const result = buildMonoFile({ reasons: { stereo: 'mono file: one channel' } });
    render(<StereoSpectrumTab result={result} chartWidth={800} />);
    expect(screen.getByText('mono file: one channel')).toBeTruthy();
  });
});

describe('SuggestionsTab', () => {
  it('lists actions by priority, the processing settings and where the report came from', () => {
    const { container } = render(<SuggestionsTab feedback={buildSampleFeedback()} />);
    const priorities = [...container.querySelectorAll('.actions li')].map((li) =>
      li.getAttribute('data-priority'),
    );
    expect(priorities).toEqual(['high', 'medium', 'low']);
    expect(container.textContent).toContain('ceiling -1 dBTP · release 50 ms');
    expect(container.textContent).toContain('frequency 8000 Hz · gain -1.5 dB · Q 0.7');
    expect(container.textContent).toContain('Rules engine');
  });

  it('names the model when the LLM wrote the report', () => {
    const feedback = {
      ...buildSampleFeedback(),
      source: 'llm' as const,
      model: 'openai/gpt-oss-120b',
    };
    render(<SuggestionsTab feedback={feedback} />);
    expect(screen.getAllByText(/openai\/gpt-oss-120b/).length).toBeGreaterThan(0);
  });

  it('lists what the consistency check dropped from the LLM answer', () => {
    const note = 'Dropped the suggestion “Widen the mids.”: widen-and-narrow on the stereo image.';
    render(
      <SuggestionsTab feedback={{ ...buildSampleFeedback(), source: 'llm', notes: [note] }} />,
    );
    const list = screen.getByRole('list', { name: 'Consistency check' });
    expect(within(list).getByText(note)).toBeTruthy();
  });
});

describe('ComparisonTab', () => {
  it('shows the loudness-matched deltas against the reference', () => {
    const result = withReference(
      measuredMix(),
      buildReferenceTrack({}, withPlatformRows),
      compareResults,
    );
    const comparison = result.comparison!;
    const { container } = render(<ComparisonTab result={result} chartWidth={800} />);
    const table = screen.getByRole('table', { name: 'Reference comparison' });
    expect(within(table).getAllByRole('row').slice(1)).toHaveLength(comparison.deltas.length);
    expect(container.textContent).toContain(comparison.referenceName);
    expect(container.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(
      comparison.bands.filter((b) => b.deltaDb !== null).length,
    );
  });

  it('marks the tempo row when the mix’s tempo is uncertain, and only then', () => {
    const tempoRow = (tempo: { bpm: number; confidence: number; uncertain: boolean }) => {
      cleanup();
      const result = withReference(
        measuredMix({ tempo }),
        buildReferenceTrack({}, withPlatformRows),
        compareResults,
      );
      render(<ComparisonTab result={result} chartWidth={800} />);
      const table = screen.getByRole('table', { name: 'Reference comparison' });
      return within(table)
        .getAllByRole('row')
        .find((row) => row.textContent?.includes('BPM'))!;
    };
    const guess = tempoRow({ bpm: 90.04, confidence: 0.12, uncertain: true });
    expect(guess.getAttribute('data-uncertain')).toBe('true');
    expect(guess.textContent).toContain('(uncertain)');
    expect(guess.textContent).toContain('≈ 90.0 BPM');
    const sure = tempoRow({ bpm: 128, confidence: 0.9, uncertain: false });
    expect(sure.getAttribute('data-uncertain')).toBeNull();
    expect(sure.textContent).not.toContain('≈');
  });

  it('explains how to get a comparison when there is no reference', () => {
    render(<ComparisonTab result={measuredMix()} />);
    expect(screen.getByText(/No reference track was uploaded/)).toBeTruthy();
  });
});
