// How the metrical-level weights in libs/dsp/src/rhythm/metrical-level.ts were chosen: a grid search
// on the corpus's tuning half and the rendered set, never on the held-out half. Prints the best
// weights by Accuracy1 of the chosen level (ties: the larger worst-case score margin) and the current
// ones for comparison. Usage: node bench/tempo-tune.mjs
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';

register();
const root = new URL('..', import.meta.url).pathname;
const src = new URL('../libs/dsp/src/', import.meta.url);
const { extractRhythmFeatures } = await import(new URL('rhythm/rhythm-features.ts', src).href);
const { pulseEvidence } = await import(new URL('rhythm/tempo.ts', src).href);
const { metricalLevels, levelScore, LEVEL_WEIGHTS } = await import(
  new URL('rhythm/metrical-level.ts', src).href
);
const rendered = await import(new URL('../../measure/src/accuracy/tempo-set.fixture.ts', src).href);

const corpusDir = process.env.CORPUS_DIR ?? join(root, 'fixtures/corpus');
const manifest = JSON.parse(readFileSync(join(corpusDir, 'manifest.json'), 'utf8'));
const tracks = manifest.tracks
  .filter((t) => t.half === 'tuning' && !t.drifting)
  .map((t) => ({ ...t, path: join(corpusDir, t.file) }))
  .filter((t) => existsSync(t.path));
if (rendered.tempoSetAvailable()) {
  for (const t of rendered.tempoSetTracks().filter((x) => !x.drifting))
    tracks.push({
      ...t,
      song: t.file,
      category: t.style,
      path: join(rendered.TEMPO_SET_DIR, t.file),
    });
}

const within = (bpm, truth) => Math.abs(bpm / truth - 1) <= 0.04;
const cases = [];
// The known-answer unit tests' signals (libs/dsp/src/rhythm/*.test.ts) are constraints as well.
const signals = await import(new URL('rhythm/test-signals.fixture.ts', src).href);
const RATE = 44_100;
const dnb = { kick: 'x.........x.....', snare: '....x.......x...', hat: 'x.x.x.x.x.x.x.x.' };
const ballad = { kick: 'x...x...', snare: '..x...x.', hat: 'xxxxxxxx' };
const unitSignals = [
  ['two-step 172', 172, signals.drumPattern(172, 30, RATE, dnb)],
  ['two-step 176', 176, signals.drumPattern(176, 30, RATE, dnb)],
  ['ballad 68', 68, signals.drumPattern(68, 40, RATE, ballad)],
  ['groove 120', 120, signals.drumPattern(120, 20, RATE, ballad)],
  ...[100, 150, 72].map((bpm) => [
    `clicks ${bpm}`,
    bpm,
    signals.clicksAt(signals.pulseTimes(bpm, bpm === 72 ? 30 : 20), bpm === 72 ? 30 : 20, RATE),
  ]),
];
for (const [song, bpm, mono] of unitSignals) {
  const pulse = pulseEvidence(extractRhythmFeatures(signals.stereo(mono, RATE)));
  const levels = metricalLevels(pulse.familyBpm, pulse.evidence, LEVEL_WEIGHTS, 0.08);
  cases.push({ track: { song, bpm, unit: true }, levels });
}
for (const track of tracks) {
  const features = extractRhythmFeatures(rendered.readPcm16Wav(readFileSync(track.path)));
  const pulse = pulseEvidence(features);
  if (!pulse) continue;
  const levels = metricalLevels(pulse.familyBpm, pulse.evidence, LEVEL_WEIGHTS, 0.08);
  cases.push({ track, levels, reachable: levels.some((l) => within(l.bpm, track.bpm)) });
}
console.log(
  `${cases.length} tuning tracks, the right level among the candidates in ${cases.filter((c) => c.reachable).length}`,
);

// Objective: hits first, then the mean log-probability of the right level under a softmax of the
// scores, which rewards margins everywhere rather than at the single closest call.
function evaluate(weights) {
  let hits = 0;
  let renderedHits = 0;
  let unitMisses = 0;
  let worst = 0;
  const misses = [];
  for (const c of cases) {
    const scored = c.levels
      .map((l) => ({ ...l, score: levelScore(l, weights) }))
      .sort((a, b) => b.score - a.score);
    const right = scored.find((l) => within(l.bpm, c.track.bpm));
    if (right) {
      const top = scored[0].score;
      const norm = Math.log(scored.reduce((sum, l) => sum + Math.exp(l.score - top), 0)) + top;
      worst += (right.score - norm) / cases.length;
    }
    if (c.track.unit) {
      if (!within(scored[0].bpm, c.track.bpm)) unitMisses++;
      continue;
    }
    if (within(scored[0].bpm, c.track.bpm)) {
      hits++;
      if (c.track.rendered) renderedHits++;
    } else
      misses.push(
        `${c.track.song} ${c.track.bpm} -> ${scored[0].bpm.toFixed(1)}: ` +
          scored
            .map(
              (l) =>
                `${l.bpm.toFixed(0)} p${l.periodicity.toFixed(2)} b${l.backbeat.toFixed(2)} lo${l.lowPeriodicity.toFixed(2)} hi${l.highPeriodicity.toFixed(2)} s${l.score.toFixed(2)}`,
            )
            .join(' | '),
      );
  }
  return { hits, worst, misses, renderedOk: renderedHits >= RENDERED_FLOOR && unitMisses === 0 };
}

// Coordinate search from the current weights, then from seeded random starts; steps shrink.
const GRID = {
  periodicity: [0, 0.25, 0.5, 1, 1.5, 2, 3],
  lowPeriodicity: [-2, -1, -0.5, 0, 0.5, 1, 2, 3],
  highPeriodicity: [-2, -1, -0.5, 0, 0.5, 1, 2, 3],
  backbeat: [0, 1, 2, 3, 4, 6, 8, 10, 14],
  priorCentreBpm: [80, 90, 100, 110, 120, 130, 140, 150],
  priorOctaves: [0.3, 0.4, 0.5, 0.6, 0.7, 0.9, 1.1, 1.5, 2],
};
// The rendered set's accuracy test (libs/measure) asks Accuracy1 >= 90 % there: a hard constraint.
const RENDERED_FLOOR = Math.ceil(0.9 * cases.filter((c) => c.track.rendered).length);
const better = (a, b) =>
  !b ||
  (a.renderedOk && !b.renderedOk) ||
  (a.renderedOk === b.renderedOk && (a.hits > b.hits || (a.hits === b.hits && a.worst > b.worst)));
let seed = 12;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
let best = null;
for (let start = 0; start < 60; start++) {
  let weights =
    start === 0
      ? { ...LEVEL_WEIGHTS }
      : Object.fromEntries(
          Object.entries(GRID).map(([k, v]) => [k, v[Math.floor(random() * v.length)]]),
        );
  let here = { ...evaluate(weights), weights };
  for (let round = 0; round < 4; round++) {
    for (const [name, values] of Object.entries(GRID)) {
      for (const value of values) {
        const trial = { ...here.weights, [name]: value };
        const r = { ...evaluate(trial), weights: trial };
        if (better(r, here)) here = r;
      }
    }
  }
  if (better(here, best)) best = here;
}
const current = evaluate(LEVEL_WEIGHTS);
console.log(
  'best',
  JSON.stringify(best.weights),
  `${best.hits}/${cases.length}`,
  best.renderedOk ? 'constraints met' : 'CONSTRAINTS MISSED (rendered set or unit signals)',
  'mean log-probability',
  best.worst.toFixed(3),
);
console.log('current', JSON.stringify(LEVEL_WEIGHTS), `${current.hits}/${cases.length}`);
for (const miss of current.misses) console.log('  miss', miss);
