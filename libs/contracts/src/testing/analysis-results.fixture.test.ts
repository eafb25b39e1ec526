import { describe, expect, it, vi } from 'vitest';
import { ContractError } from '../analysis/contract-error.ts';
import {
  bandsFromLevels,
  buildAnalysisResult,
  buildMonoFile,
  buildReferenceFor,
  buildReferenceTrack,
  buildSilentFile,
  stereoBands,
  withReference,
} from './analysis-results.fixture.ts';

describe('buildAnalysisResult', () => {
  it('merges overrides into the default master and keeps the rest', () => {
    const doc = buildAnalysisResult({ file: { name: 'take-2.wav' }, loudness: { rmsDbfs: -12 } });
    expect(doc.file).toMatchObject({ name: 'take-2.wav', container: 'wav', channels: 2 });
    expect(doc.loudness).toMatchObject({ rmsDbfs: -12, integratedLufs: -8.7 });
  });

  it('recomputes the figures that follow from the overridden ones', () => {
    const doc = buildAnalysisResult({
      loudness: { integratedLufs: -6, truePeakDbtp: -1 },
      stereo: { bands: stereoBands([0.9, -0.3, 0.85, 0.7, -0.2, 0.45]) },
    });
    expect(doc.loudness.plrDb).toBe(5);
    expect(doc.loudness.truePeakPerChannelDbtp).toEqual([-1, -1]);
    expect(doc.stereo!.monoCompatibility.outOfPhaseBands).toEqual(['bass', 'highMids']);
    expect(buildAnalysisResult({ loudness: { plrDb: 3 } }).loudness.plrDb).toBe(3);
  });

  it('asks for platform rows from the function it is given', () => {
    const rows = vi.fn(() => []);
    buildAnalysisResult({ loudness: { integratedLufs: -14 } }, { platformRows: rows });
    expect(rows).toHaveBeenCalledWith(-14, 0.4);
    expect(buildAnalysisResult().loudness.platforms).toEqual([]);
  });

  it('refuses to build a document that breaks the contract, naming the field', () => {
    expect(() => buildAnalysisResult({ loudness: { dynamicRangeDb: null } })).toThrow(
      new ContractError('INVALID_ANALYSIS_RESULT', [
        { path: 'loudness.dynamicRangeDb', message: 'null with no reason in loudness.reasons' },
      ]),
    );
    expect(() => buildAnalysisResult({ stereo: null })).toThrow(/stereo: null with no reason/);
  });

  it('builds bands whose shares sum to 1 from relative levels', () => {
    const bands = bandsFromLevels([-6, -3, -10, -11, -16, -21]);
    expect(bands.reduce((sum, band) => sum + band.share!, 0)).toBeCloseTo(1, 12);
    expect(bands[1].db! - bands[0].db!).toBeCloseTo(3, 12);
  });
});

describe('buildReferenceFor and withReference', () => {
  it('place the reference bands so the loudness-matched deltas are the ones asked for', () => {
    const mix = buildAnalysisResult();
    const deltas = [3.2, 0.4, -0.2, 0.1, -1.8, -0.5];
    const reference = buildReferenceFor(mix, deltas, { loudness: { integratedLufs: -11 } });
    expect(reference.file.name).toBe('reference.wav');
    const gain = -8.7 - -11;
    reference.spectrum.bands.forEach((band, i) => {
      expect(mix.spectrum.bands[i].levelDbfs! - (band.levelDbfs! + gain)).toBeCloseTo(deltas[i], 9);
    });
    expect(reference.spectrum.bands.reduce((sum, band) => sum + band.share!, 0)).toBeCloseTo(1, 12);
  });

  it('attach the reference with the comparison it is given, checked against the contract', () => {
    const mix = buildAnalysisResult();
    const reference = buildReferenceTrack();
    const comparison = {
      referenceName: reference.file.name,
      loudnessMatchGainDb: -0.8,
      deltas: [],
      bands: mix.spectrum.bands.map(({ name }) => ({ name, mixDb: 0, referenceDb: 0, deltaDb: 0 })),
      reasons: {},
    };
    expect(withReference(mix, reference, () => comparison)).toMatchObject({
      reference,
      comparison,
    });
    expect(() => withReference(mix, reference, () => ({ ...comparison, bands: [] }))).toThrow(
      ContractError,
    );
  });
});

describe('the named variants', () => {
  it('are the documents their names promise', () => {
    expect(buildReferenceTrack().file.name).toBe('pro-reference.flac');
    const mono = buildMonoFile();
    expect(mono).toMatchObject({ stereo: null, file: { channels: 1 } });
    expect(mono.loudness.truePeakPerChannelDbtp).toEqual([-1.6]);
    const silent = buildSilentFile();
    expect(silent.loudness.integratedLufs).toBeNull();
    expect(silent.loudness.plrDb).toBeNull();
    expect(silent.tempo).toBeNull();
  });

  it('take overrides too', () => {
    expect(buildMonoFile({ file: { name: 'voice.wav' } }).file).toMatchObject({
      name: 'voice.wav',
      channels: 1,
    });
  });
});
