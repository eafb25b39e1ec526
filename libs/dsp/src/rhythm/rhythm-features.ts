import type { AudioData } from '../audio-data.ts';
import { LIGHT_HALF_BAND, STEEP_HALF_BAND, halveRate, mixAndDecimate } from './decimate.ts';
import { forEachPowerSpectrum, frameCount } from './frame-spectra.ts';
import { bandEnergies, onsetBandBins, spectralFlux } from './onset-envelope.ts';
import { PitchProfileAccumulator } from '../key/pitch-profile.ts';

/**
 * What tempo, transients and key all start from, computed once per file.
 *
 * Two STFTs, because one window cannot serve both: onsets need ~10 ms frames, while telling A1 from
 * A#1 (3.3 Hz apart) needs ~370 ms windows. The long one runs on the signal decimated once more and
 * hops half a window, so it costs about a third of the onset STFT.
 */
export interface RhythmFeatures {
  durationSec: number;
  /** Mono mix, anti-alias filtered and decimated to `signalRate` (11.025-16 kHz for common rates). */
  signal: Float32Array;
  signalRate: number;
  /** Onset strength, frame i centred at i / onsetRate seconds. */
  onset: Float32Array;
  /** Rise of the summed amplitude of the kick's bands (up to 150 Hz) and of the snare's and hats' (from 1.5 kHz). */
  onsetLow: Float32Array;
  onsetHigh: Float32Array;
  onsetRate: number;
  /**
   * Pitch-class profile frames from harmonic spectral peaks (key/pitch-profile.ts), 12 values each
   * (pitch class 0 = C), frame i centred at i / chromaRate seconds.
   */
  chroma: Float32Array;
  chromaFrameCount: number;
  /** Each chroma frame's peak energy, which weighs the frames when they are combined. */
  chromaEnergy: Float32Array;
  chromaRate: number;
  /** RMS of the mono mix in dBFS; null for digital silence. */
  levelDbfs: number | null;
}

/** Decimate while the result stays at or above this rate: keeps onsets' high-frequency detail. */
const MIN_SIGNAL_RATE = 10_000;
/** Onset frames: ~46 ms window, ~11 ms hop at 11.025 kHz. */
const ONSET_WINDOW_SEC = 0.046;
const ONSET_HOP_SEC = 0.0116;
/** Chroma frames: ~370 ms window (2.7 Hz bins), hop half a window. */
const CHROMA_WINDOW_SEC = 0.37;

export function extractRhythmFeatures(audio: AudioData): RhythmFeatures {
  const length = audio.channels[0]?.length ?? 0;
  const durationSec = audio.sampleRate > 0 ? length / audio.sampleRate : 0;
  const { signal, signalRate, rms } = monoAtAnalysisRate(audio);

  const onsetLayout = {
    size: powerOfTwoNear(ONSET_WINDOW_SEC * signalRate),
    hop: powerOfTwoNear(ONSET_HOP_SEC * signalRate),
  };
  const bands = onsetBandBins(signalRate, onsetLayout.size);
  const bandCount = bands.length / 2;
  const onsetFrames = frameCount(signal.length, onsetLayout.hop);
  const energies = new Float32Array(onsetFrames * bandCount);
  forEachPowerSpectrum(signal, onsetLayout, (frame, power) =>
    bandEnergies(power, bands, energies, frame * bandCount),
  );
  const envelopes = spectralFlux(energies, bands, signalRate / onsetLayout.size, onsetFrames);

  const chromaSignal = halveRate(signal, STEEP_HALF_BAND);
  const chromaSignalRate = signalRate / 2;
  const chromaSize = powerOfTwoNear(CHROMA_WINDOW_SEC * chromaSignalRate);
  const chromaLayout = { size: chromaSize, hop: chromaSize / 2 };
  const chromaFrameCount = frameCount(chromaSignal.length, chromaLayout.hop);
  const profile = new PitchProfileAccumulator({
    sampleRate: chromaSignalRate,
    fftSize: chromaSize,
  });
  forEachPowerSpectrum(chromaSignal, chromaLayout, (_, power) => profile.push(power));
  const { frames, energy } = profile.finish();
  const chroma = new Float32Array(chromaFrameCount * 12);
  frames.forEach((frame, f) => chroma.set(frame, f * 12));

  return {
    durationSec,
    signal,
    signalRate,
    onset: envelopes.all,
    onsetLow: envelopes.low,
    onsetHigh: envelopes.high,
    onsetRate: signalRate / onsetLayout.hop,
    chroma,
    chromaFrameCount,
    chromaEnergy: Float32Array.from(energy),
    chromaRate: chromaSignalRate / chromaLayout.hop,
    levelDbfs: rms > 0 ? 20 * Math.log10(rms) : null,
  };
}

/**
 * Mean of the channels that carry music (LFE left out), halved in rate while the result stays at
 * or above MIN_SIGNAL_RATE. Every halving but the last may alias above the final band, so only the
 * last needs the steep filter.
 */
function monoAtAnalysisRate(audio: AudioData): {
  signal: Float32Array;
  signalRate: number;
  rms: number;
} {
  const used = audio.channels.filter((_, i) => audio.channelLabels[i] !== 'LFE');
  const channels = used.length > 0 ? used : audio.channels;
  const length = channels[0]?.length ?? 0;
  let halvings = 0;
  while (audio.sampleRate / 2 ** (halvings + 1) >= MIN_SIGNAL_RATE) halvings++;
  const filters = Array.from({ length: halvings }, (_, step) =>
    step === halvings - 1 ? STEEP_HALF_BAND : LIGHT_HALF_BAND,
  );
  const { output: signal, sumSquares } = mixAndDecimate(channels, filters);
  return {
    signal,
    signalRate: audio.sampleRate / 2 ** halvings,
    rms: length > 0 ? Math.sqrt(sumSquares / length) : 0,
  };
}

function powerOfTwoNear(value: number): number {
  return 2 ** Math.max(4, Math.round(Math.log2(Math.max(1, value))));
}
