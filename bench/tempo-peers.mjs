// The open-source tempo and key estimators MixScope is measured against, each run on the same audio
// in the same process (the aubio command on the same file). Devdependencies only: nothing here ships.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { EssentiaWASM, Essentia } = require('essentia.js');
const MusicTempo = require('music-tempo');
const { default: aubio } = await import('aubiojs');

const essentia = new Essentia(EssentiaWASM);
const { Tempo } = await aubio();
const ESSENTIA_RATE = 44_100;

const timed = (run) => {
  const started = performance.now();
  const result = run();
  return { ...result, ms: performance.now() - started };
};

/** Mean of the channels, as the peers take mono. */
export function monoOf(audio) {
  const [first, ...rest] = audio.channels;
  const mono = Float32Array.from(first);
  for (const channel of rest) for (let i = 0; i < mono.length; i++) mono[i] += channel[i];
  if (rest.length > 0) for (let i = 0; i < mono.length; i++) mono[i] /= rest.length + 1;
  return mono;
}

/**
 * essentia.js RhythmExtractor2013 (multifeature, its default) and KeyExtractor with the bgate and
 * edma profiles, on one vector. Both expect 44.1 kHz, which is what the corpus is rendered at.
 */
export function essentiaPeers(mono, sampleRate) {
  if (sampleRate !== ESSENTIA_RATE) throw new Error(`essentia peers expect ${ESSENTIA_RATE} Hz`);
  const vector = essentia.arrayToVector(mono);
  try {
    const rhythm = timed(() => {
      const r = essentia.RhythmExtractor2013(vector);
      return { bpm: r.bpm, confidence: r.confidence };
    });
    const key = (profile) =>
      timed(() => {
        const k = essentia.KeyExtractor(vector, true, 4096, 4096, 12, 3500, 60, 25, 0.2, profile);
        return { label: `${sharp(k.key)} ${k.scale}`, strength: k.strength };
      });
    return { rhythm, bgate: key('bgate'), edma: key('edma') };
  } finally {
    vector.delete();
  }
}

/** aubiojs's Tempo, fed hop by hop as aubio's own tool does (1024-sample window, 512 hop). */
export function aubiojsTempo(mono, sampleRate) {
  return timed(() => {
    const tempo = new Tempo(1024, 512, sampleRate);
    for (let i = 0; i + 512 <= mono.length; i += 512) tempo.do(mono.subarray(i, i + 512));
    return { bpm: tempo.getBpm() };
  });
}

/** music-tempo (BeatRoot in plain JavaScript), with its defaults. */
export function musicTempo(mono) {
  return timed(() => {
    try {
      return { bpm: Number(new MusicTempo(mono).tempo) };
    } catch {
      return { bpm: null };
    }
  });
}

/** The `aubio tempo` command (Debian aubio-tools) on the file, process start to exit. */
export function aubioCli(file) {
  return timed(() => {
    const output = execFileSync('aubio', ['tempo', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const match = /([\d.]+)\s*bpm/i.exec(output);
    return { bpm: match ? Number(match[1]) : null };
  });
}

const FLAT_TO_SHARP = { Db: 'C#', Eb: 'D#', Gb: 'F#', Ab: 'G#', Bb: 'A#' };
function sharp(name) {
  return FLAT_TO_SHARP[name] ?? name;
}
