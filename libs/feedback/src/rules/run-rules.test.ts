import { describe, expect, it } from 'vitest';
import { FeedbackError } from '../errors.ts';
import { compareResults } from '@mixscope/dsp';
import {
  bandsFromLevels,
  buildMonoFile,
  buildReferenceFor,
  stereoBands,
  withReference,
  type AnalysisResultOverrides,
} from '@mixscope/contracts/testing';
import { measuredMix, withPlatformRows } from '@mixscope/dsp/testing';
import type { Finding } from '@mixscope/contracts';
import { runRules } from './run-rules.ts';

const byId = (findings: Finding[], id: string) => findings.find((f) => f.id === id);

const loudness = (figures: AnalysisResultOverrides['loudness']) =>
  measuredMix({ loudness: figures });
/** The default master's stereo figures with the band correlations given, low band first. */
const correlations = (bands: number[], stereo: AnalysisResultOverrides['stereo'] = {}) =>
  measuredMix({ stereo: { ...stereo, bands: stereoBands(bands) } });

describe('runRules: true peak', () => {
  it('a +0.8 dBTP peak on a loud master asks for the -2 dBTP ceiling Spotify wants and quotes its turn-down', () => {
    const findings = runRules(loudness({ truePeakDbtp: 0.8, integratedLufs: -9.7 }), {
      genre: 'pop',
    });
    const over = byId(findings, 'true-peak.over')!;
    expect(over.severity).toBe('error');
    expect(over.measured).toBe(0.8);
    // Spotify asks masters louder than -14 LUFS to peak under -2 dBTP; it normalises to -14: -14 - (-9.7) = -4.3 dB.
    expect(over.target?.max).toBe(-2);
    expect(over.target?.source).toMatch(/^Spotify: https:\/\/support\.spotify\.com/);
    expect(over.message).toBe(
      'True peak +0.8 dBTP: lower the limiter ceiling to -2.0 dBTP; Spotify will turn this track down 4.3 dB and its encoder may clip.',
    );
    expect(over.processing).toEqual({
      type: 'limiting',
      target: 'master limiter',
      settings: [
        { parameter: 'ceiling', value: -2, unit: 'dBTP' },
        { parameter: 'oversampling', value: 4, unit: 'x' },
      ],
    });
  });

  it('without a platform limit on the master the ceiling is -1.0 dBTP', () => {
    const result = loudness({ truePeakDbtp: 0.8, integratedLufs: -9.7 });
    const youtube = byId(runRules(result, { platforms: ['youtube'] }), 'true-peak.over')!;
    expect(youtube.target?.max).toBe(-1);
    expect(youtube.target?.source).toContain('AES TD1008');
    expect(youtube.message).toBe(
      'True peak +0.8 dBTP: lower the limiter ceiling to -1.0 dBTP; YouTube will turn this track down 4.3 dB and its encoder may clip.',
    );
    // EBU R128's -1 dBTP applies after normalisation, so it sets no ceiling for the master.
    expect(
      byId(runRules(result, { platforms: ['ebu-r128'] }), 'true-peak.over')!.target?.source,
    ).toContain('AES TD1008');
  });

  it('a peak between -1 and 0 dBTP is a warning; one under the ceiling passes', () => {
    expect(
      byId(runRules(loudness({ integratedLufs: -15, truePeakDbtp: -0.4 })), 'true-peak.over')
        ?.severity,
    ).toBe('warning');
    const passing = runRules(loudness({ integratedLufs: -15, truePeakDbtp: -1.0 }));
    expect(byId(passing, 'true-peak.ok')?.severity).toBe('ok');
    expect(byId(passing, 'true-peak.over')).toBeUndefined();
  });

  it('without a turning-down platform it warns about encoders instead', () => {
    const findings = runRules(loudness({ truePeakDbtp: 0.3, integratedLufs: -17 }), {
      platforms: ['spotify'],
    });
    expect(byId(findings, 'true-peak.over')!.message).toContain('lossy encoders');
  });
});

describe('runRules: platform loudness', () => {
  it('reports the gain each targeted platform applies', () => {
    const findings = runRules(loudness({ integratedLufs: -7 }), {
      platforms: ['spotify', 'apple-music'],
    });
    const spotify = byId(findings, 'loudness.platform.spotify')!;
    expect(spotify.title).toBe('Spotify turns it down 7.0 dB');
    expect(spotify.severity).toBe('warning');
    expect(spotify.target?.min).toBe(-14);
    expect(spotify.target?.source).toContain('Spotify');
    expect(byId(findings, 'loudness.platform.apple-music')!.message).toContain('down 9.0 dB');
    expect(findings.filter((f) => f.area === 'loudness')).toHaveLength(2);
  });

  it('says a turn-down once for every platform that applies the same one', () => {
    const findings = runRules(loudness({ integratedLufs: -8 }));
    const turnDowns = findings.filter((f) => /master down/.test(f.message));
    const sentences = turnDowns.map((f) => f.message.replace(/:.*/, ''));
    expect(sentences).toEqual([
      'Spotify, YouTube, Amazon Music and Tidal (-14.0 LUFS) turn this -8.0 LUFS master down 6.0 dB',
      'Apple Music and AES TD1008 (music streaming) (-16.0 LUFS) turn this -8.0 LUFS master down 8.0 dB',
      'Deezer (-15.0 LUFS) turns this -8.0 LUFS master down 7.0 dB',
      'EBU R128 broadcast (-23.0 LUFS ±1.0 LU) turns this -8.0 LUFS master down 15.0 dB',
    ]);
    const [streaming] = turnDowns;
    expect(streaming.id).toBe('loudness.platform.spotify+youtube+amazon-music+tidal');
    expect(streaming.title).toBe('Spotify, YouTube, Amazon Music and Tidal turn it down 6.0 dB');
    for (const name of ['Spotify', 'YouTube', 'Amazon Music', 'Tidal'])
      expect(streaming.target?.source).toContain(`${name}: https://`);
    // Every platform is still accounted for, each in exactly one finding.
    const named = findings.filter((f) => f.area === 'loudness').map((f) => f.id);
    expect(
      named
        .join('+')
        .split(/\+|loudness\.platform\./)
        .filter(Boolean)
        .sort(),
    ).toEqual(
      loudness({ integratedLufs: -8 })
        .loudness.platforms.map((p) => p.id)
        .sort(),
    );
  });

  it('passes a master within 1 dB of the target and notes platforms without normalisation', () => {
    const findings = runRules(loudness({ integratedLufs: -14.4, truePeakDbtp: -1.5 }));
    expect(byId(findings, 'loudness.platform.spotify')!.severity).toBe('ok');
    expect(byId(findings, 'loudness.platform.soundcloud')!.message).toContain('-14.4 LUFS');
  });

  it('explains a quiet master: limited turn-up, no turn-up, and a broken limit after normalisation', () => {
    // -20 LUFS peaking at -2 dBTP: Spotify raises it only to a -1 dBTP peak (+1 dB), so it plays 5 dB low.
    const findings = runRules(loudness({ integratedLufs: -20, truePeakDbtp: -2 }));
    const spotify = byId(findings, 'loudness.platform.spotify')!;
    expect(spotify.severity).toBe('warning');
    expect(spotify.message).toContain('turns it up only 1.0 dB');
    expect(spotify.message).toContain('plays 5.0 dB below');
    // YouTube only turns down: 6 dB below its -14 LUFS neighbours.
    expect(byId(findings, 'loudness.platform.youtube')!.message).toContain(
      'does not turn quiet tracks up',
    );
    // AES TD1008 adds 4 dB and checks -1 dBTP after the gain: +2.0 dBTP.
    const aes = byId(findings, 'loudness.platform.aes-td1008')!;
    expect(aes.severity).toBe('warning');
    expect(aes.message).toContain('+2.0 dBTP');
    // EBU R128 turns it down 3 dB, beyond its ±1 LU tolerance.
    expect(byId(findings, 'loudness.platform.ebu-r128')!.title).toBe(
      'EBU R128 broadcast turns it down 3.0 dB',
    );
  });

  it('rejects a platform the loudness table does not have', () => {
    expect(() => runRules(measuredMix(), { platforms: ['spotify', 'napster'] })).toThrowError(
      FeedbackError,
    );
    try {
      runRules(measuredMix(), { platforms: ['napster'] });
    } catch (error) {
      expect((error as FeedbackError).code).toBe('UNKNOWN_PLATFORM');
      expect((error as Error).message).toContain('spotify');
    }
  });
});

describe('runRules: over-compression', () => {
  it('DR 4 on a pop mix is over-compression with a concrete limiter move', () => {
    const finding = byId(
      runRules(loudness({ dynamicRangeDb: 4 }), { genre: 'pop' }),
      'dynamics.dr',
    )!;
    expect(finding.severity).toBe('warning');
    expect(finding.title).toBe('Over-compressed (DR)');
    expect(finding.target).toMatchObject({ min: 5, max: 9 });
    expect(finding.target?.source).toContain('DR');
    expect(finding.processing?.type).toBe('limiting');
    expect(finding.processing?.settings[0].value).toBeLessThan(0);
  });

  it('far below the range is an error; a PLR of 5 dB is flagged; DR 4 is fine for metal', () => {
    expect(
      byId(runRules(loudness({ dynamicRangeDb: 1.5 }), { genre: 'pop' }), 'dynamics.dr')!.severity,
    ).toBe('error');
    // PLR = true peak − integrated = -1.0 − (-6.0) = 5.0 dB, under pop's 7.
    const plr = byId(
      runRules(loudness({ truePeakDbtp: -1, integratedLufs: -6 }), { genre: 'pop' }),
      'dynamics.plr',
    )!;
    expect(plr.severity).toBe('warning');
    expect(plr.message).toContain('PLR 5.0 dB');
    expect(
      byId(runRules(loudness({ dynamicRangeDb: 4 }), { genre: 'metal' }), 'dynamics.dr')!.severity,
    ).toBe('ok');
  });

  it('a low loudness range suggests lighter bus compression', () => {
    const finding = byId(
      runRules(loudness({ loudnessRangeLu: 1.5 }), { genre: 'pop' }),
      'dynamics.lra',
    )!;
    expect(finding.severity).toBe('warning');
    expect(finding.processing?.type).toBe('compression');
    expect(finding.processing?.settings.map((s) => s.parameter)).toEqual([
      'ratio',
      'attack',
      'release',
      'gain reduction',
    ]);
  });
});

describe('runRules: spectral balance', () => {
  it('a heavy sub band gets a low-shelf cut sized to the excess', () => {
    // Bands -0.5/-6/-12/-13/-18/-24 dB before normalising: the sub share lands above pop's -3 dB.
    const result = measuredMix({
      spectrum: { bands: bandsFromLevels([-0.5, -6, -12, -13, -18, -24]) },
    });
    const sub = result.spectrum.bands[0].db!;
    const finding = byId(runRules(result, { genre: 'pop' }), 'spectrum.band.sub')!;
    expect(finding.measured).toBeCloseTo(sub, 10);
    const excess = sub - -3;
    expect(finding.severity).toBe(excess > 2 ? 'warning' : 'info');
    const gain = finding.processing!.settings.find((s) => s.parameter === 'gain')!.value;
    expect(Math.abs(gain - -excess)).toBeLessThanOrEqual(0.25);
    expect(finding.processing!.settings.find((s) => s.parameter === 'frequency')!.value).toBe(60);
  });

  it('a balanced mix gets one ok finding', () => {
    // Band levels whose shares all sit inside pop's ranges.
    const balanced = measuredMix({
      spectrum: { bands: bandsFromLevels([-6, -3, -10, -11, -16, -21]) },
    });
    const findings = runRules(balanced, { genre: 'pop' }).filter((f) => f.area === 'spectrum');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ id: 'spectrum.balance', severity: 'ok' });
  });
});

describe('runRules: low end and stereo', () => {
  it('sub correlation 0.2 is a low-end mono finding', () => {
    const result = correlations([0.2, 0.9, 0.85, 0.7, 0.55, 0.45]);
    const finding = byId(runRules(result, { genre: 'pop' }), 'low-end.sub')!;
    expect(finding.severity).toBe('warning');
    expect(finding.measured).toBe(0.2);
    expect(finding.target?.min).toBe(0.8);
    expect(finding.processing).toEqual({
      type: 'stereo',
      target: 'mix bus',
      settings: [{ parameter: 'mono below', value: 100, unit: 'Hz' }],
    });
    expect(byId(runRules(result, { genre: 'pop' }), 'low-end.bass')!.severity).toBe('ok');
  });

  it('a negative bass correlation is an error', () => {
    const result = correlations([0.9, -0.3, 0.85, 0.7, 0.55, 0.45]);
    expect(byId(runRules(result, { genre: 'pop' }), 'low-end.bass')!.severity).toBe('error');
  });

  it('flags a 2 dB left lean and out-of-phase highs', () => {
    const result = correlations([0.98, 0.95, 0.85, 0.7, -0.2, 0.45], { balanceDb: 2 });
    const findings = runRules(result, { genre: 'pop' });
    expect(byId(findings, 'stereo.balance')).toMatchObject({
      severity: 'warning',
      title: 'Leans left',
    });
    expect(byId(findings, 'stereo.out-of-phase')!.message).toContain('high mids');
  });

  it('judges width against the profile', () => {
    const narrow = byId(
      runRules(measuredMix({ stereo: { widthScore: 8 } }), { genre: 'pop' }),
      'stereo.width',
    )!;
    expect(narrow.severity).toBe('info');
    expect(narrow.title).toBe('Narrow stereo image');
    const wide = byId(
      runRules(measuredMix({ stereo: { widthScore: 80 } }), { genre: 'pop' }),
      'stereo.width',
    )!;
    expect(wide.severity).toBe('warning');
  });

  it('says nothing about stereo for a mono file', () => {
    const findings = runRules(buildMonoFile({}, withPlatformRows), { genre: 'pop' });
    expect(findings.filter((f) => f.area === 'stereo' || f.area === 'low-end')).toEqual([]);
  });
});

describe('runRules: hygiene', () => {
  it('turns clipping, DC offset and silence into actions', () => {
    const findings = runRules(
      measuredMix({
        issues: [
          {
            code: 'clipping',
            severity: 'error',
            message: '3 runs of clipped samples',
            value: null,
            unit: null,
            count: 3,
            times: [45.02, 77.9],
            channel: null,
          },
          {
            code: 'dc-offset',
            severity: 'warning',
            message: 'DC offset of 0.4 %',
            value: 0.4,
            unit: '%',
            count: null,
            times: [],
            channel: 0,
          },
          {
            code: 'silence-start',
            severity: 'info',
            message: '1.2 s of silence at the start',
            value: 1.2,
            unit: 's',
            count: null,
            times: [0],
            channel: null,
          },
          {
            code: 'true-peak-over',
            severity: 'warning',
            message: 'true peak over',
            value: 0.4,
            unit: 'dBTP',
            count: 1,
            times: [],
            channel: 0,
          },
        ],
      }),
    );
    expect(byId(findings, 'hygiene.clipping')).toMatchObject({
      severity: 'error',
      measured: 3,
      unit: 'count',
    });
    expect(byId(findings, 'hygiene.clipping')!.action).toContain('45.0 s');
    expect(byId(findings, 'hygiene.dc-offset')!.processing?.type).toBe('eq');
    expect(byId(findings, 'hygiene.silence-start')!.action).toContain('1.2 s');
    expect(byId(findings, 'hygiene.true-peak-over')).toBeUndefined();
  });
});

describe('runRules: reference', () => {
  it('reports loudness-matched band differences and a more compressed mix', () => {
    const master = loudness({ truePeakDbtp: -1, integratedLufs: -8 });
    const reference = buildReferenceFor(
      master,
      [3.2, 0.4, -0.2, 0.1, -1.8, -0.5],
      { file: { name: 'ref.flac' }, loudness: { truePeakDbtp: -1, integratedLufs: -11 } },
      withPlatformRows,
    );
    const result = withReference(master, reference, compareResults);
    const findings = runRules(result, { genre: 'pop' });
    const sub = byId(findings, 'reference.band.sub')!;
    expect(sub.severity).toBe('warning');
    expect(sub.message).toContain('3.2 dB louder');
    expect(sub.processing!.settings[1].value).toBe(-3);
    expect(byId(findings, 'reference.band.highMids')!.severity).toBe('info');
    expect(byId(findings, 'reference.band.bass')).toBeUndefined();
    // PLR: (-1 − -8) − (-1 − -11) = 7 − 10 = -3 dB.
    expect(byId(findings, 'reference.plrDb')!.message).toContain('(-3.0 dB)');
  });
});

describe('runRules: shape', () => {
  it('opens with the genre choice, orders by severity and gives every judged finding a sourced target', () => {
    const findings = runRules(loudness({ truePeakDbtp: 0.8, dynamicRangeDb: 4 }), {
      genre: 'EDM',
    });
    expect(findings[0]).toMatchObject({
      id: 'genre.profile',
      title: 'Genre profile: EDM / electronic',
    });
    const order = { error: 0, warning: 1, info: 2, ok: 3 };
    const rest = findings.slice(1).map((f) => order[f.severity]);
    expect(rest).toEqual([...rest].sort((a, b) => a - b));
    for (const finding of findings.slice(1)) {
      expect(finding.target?.source, finding.id).toBeTruthy();
      expect(finding.action.length, finding.id).toBeGreaterThan(5);
    }
  });

  it('rejects an unknown genre', () => {
    expect(() => runRules(measuredMix(), { genre: 'polka' })).toThrowError(/unknown genre "polka"/);
  });
});
