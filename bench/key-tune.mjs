// How the key profiles in libs/dsp/src/key/key.ts were chosen: every combination of the profiles
// there, scored by the MIREX weights on the corpus's tuning half and the rendered set, never on the
// held-out half. Usage: node bench/key-tune.mjs
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';

register();
const root = new URL('..', import.meta.url).pathname;
const src = new URL('../libs/dsp/src/', import.meta.url);
const { extractRhythmFeatures } = await import(new URL('rhythm/rhythm-features.ts', src).href);
const { rankKeys, fileProfile, KEY_PROFILES, KEY_PROFILE_SET, PITCH_CLASSES } = await import(
  new URL('key/key.ts', src).href
);
const { mirexKeyScore, parseKeyLabel } = await import(new URL('key/key-score.ts', src).href);
const rendered = await import(new URL('../../measure/src/accuracy/tempo-set.fixture.ts', src).href);

const corpusDir = process.env.CORPUS_DIR ?? join(root, 'fixtures/corpus');
const manifest = JSON.parse(readFileSync(join(corpusDir, 'manifest.json'), 'utf8'));
const tracks = manifest.tracks
  .filter((t) => t.half === 'tuning' && t.key)
  .map((t) => ({ ...t, path: join(corpusDir, t.file) }))
  .filter((t) => existsSync(t.path));
if (rendered.tempoSetAvailable()) {
  for (const t of rendered.tempoSetTracks())
    tracks.push({ ...t, song: t.file, path: join(rendered.TEMPO_SET_DIR, t.file) });
}
const profiles = tracks.map((track) => ({
  track,
  profile: fileProfile(extractRhythmFeatures(rendered.readPcm16Wav(readFileSync(track.path)))),
}));

const names = Object.keys(KEY_PROFILES);
const results = [];
for (let mask = 1; mask < 1 << names.length; mask++) {
  const set = names.filter((_, i) => mask & (1 << i));
  let score = 0;
  for (const { track, profile } of profiles) {
    const [best] = rankKeys(profile, set);
    score += mirexKeyScore(
      { tonic: best.tonic, mode: best.mode },
      parseKeyLabel(track.key, PITCH_CLASSES),
    );
  }
  results.push({ set: set.join('+'), score: score / profiles.length });
}
results.sort((a, b) => b.score - a.score);
console.log(`${profiles.length} tuning tracks with a key`);
for (const r of results) console.log(`${r.score.toFixed(3)}  ${r.set}`);
console.log(`current: ${KEY_PROFILE_SET.join('+')}`);
for (const { track, profile } of profiles) {
  const [best] = rankKeys(profile);
  const label = `${PITCH_CLASSES[best.tonic]} ${best.mode}`;
  if (label !== track.key) console.log(`  miss ${track.song} ${track.key} -> ${label}`);
}
