// `npm run bench:genre`: the automatic genre choice (libs/feedback/src/profiles/auto-genre.ts) on
// the development corpus (scripts/build-corpus.sh), whose tracks carry the style they were made
// in: an mma groove name or the package a score came from. STYLE_GENRES below maps those to
// MixScope genres; a track whose style names none is left out (counted). What decides sure
// against unsure (AUTO_GENRE_MARGIN, AUTO_GENRE_FIT_LIMIT) is swept on the tuning half only; the
// held-out half is reported with the values in the code. Analyses are cached under bench/.work/genre, keyed by the
// file's size and time, so a re-run after changing the choice only re-scores.
// Usage: npm run fixtures:corpus && npm run bench:genre [-- --no-write]
// Exits 1 when sure choices on the held-out half are wrong more than MAX_SURE_ERROR of the time.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const root = fileURLToPath(new URL('..', import.meta.url));
const { analyzeFile, MeasurePool } = await import(
  new URL('../libs/measure/src/index.ts', import.meta.url).href
);
const { pickProfileAutomatically, candidatesWithin, AUTO_GENRE_MARGIN, AUTO_GENRE_FIT_LIMIT } =
  await import(new URL('../libs/feedback/src/profiles/auto-genre.ts', import.meta.url).href);
const { GENRE_PROFILES } = await import(
  new URL('../libs/feedback/src/profiles/genre-profiles.ts', import.meta.url).href
);

const CORPUS_DIR = process.env.CORPUS_DIR ?? join(root, 'fixtures/corpus');
const write = !process.argv.includes('--no-write');
const MAX_SURE_ERROR = 0.05;
const work = join(root, 'bench/.work/genre');
mkdirSync(work, { recursive: true });

/**
 * Style → MixScope genre. A track's mma style (e.g. "stdlib/bebop") is looked up first, then its
 * corpus category (e.g. "swing"), then its source package; null leaves the track out. Latin,
 * blues, marches, waltzes and the like have no MixScope genre of their own, so they are left out
 * rather than forced into the nearest one.
 */
const STYLE_GENRES = {
  // categories
  dnb: 'electronic',
  dance: 'electronic',
  trap: 'hip-hop',
  hiphop: 'hip-hop',
  swing: 'jazz',
  pop: 'pop',
  rock: 'rock',
  funk: 'rnb',
  folk: 'acoustic',
  orchestral: 'classical',
  // styles whose genre differs from their category's, or whose category has none
  'zoom/rnb': 'rnb',
  'casio/heavymetal': 'metal',
  'zoom/mtl': 'metal',
  'stdlib/countryswing': 'acoustic',
  'stdlib/westernswing': 'acoustic',
  'stdlib/slowjazz': 'jazz',
  'stdlib/rb-ballad': 'rnb',
  'casio/mellowrb': 'rnb',
  'stdlib/popballad': 'pop',
  'casio/8beatballad1': 'pop',
  'casio/8beatballad2': 'pop',
  'casio/16beatballad1': 'pop',
  'casio/16beatballad2': 'pop',
  'stdlib/rockballad': 'rock',
  'stdlib/folkballad': 'acoustic',
  'stdlib/guitarballad': 'acoustic',
  'stdlib/slowcountry': 'acoustic',
  'stdlib/bossanova': 'jazz',
  'zoom/bossa': 'jazz',
  'stdlib/bebop': 'jazz',
  'stdlib/fastswing': 'jazz',
  'casio/fastbigband': 'jazz',
  'stdlib/jazzwaltz': 'jazz',
  'stdlib/modernjazzwaltz': 'jazz',
  'stdlib/fastjazzwaltz': 'jazz',
  'zoom/punk': 'rock',
  'stdlib/bluegrass': 'acoustic',
  'stdlib/countrywaltz': 'acoustic',
  // packages
  abcmidi: 'acoustic',
  musescore3: 'classical',
};

function genreOf(track) {
  if (track.drifting) return null;
  for (const key of [track.style, track.category, track.source]) {
    if (key && key in STYLE_GENRES) return STYLE_GENRES[key];
  }
  return null;
}

async function analysed(pool, track) {
  const path = join(CORPUS_DIR, track.file);
  const { size, mtimeMs } = statSync(path);
  const cache = join(work, `${track.file.replace(/[/]/g, '_')}.json`);
  if (existsSync(cache)) {
    const cached = JSON.parse(readFileSync(cache, 'utf8'));
    if (cached.size === size && cached.mtimeMs === mtimeMs) return cached.result;
  }
  const result = await analyzeFile(path, { pool });
  writeFileSync(cache, JSON.stringify({ size, mtimeMs, result }));
  return result;
}

const manifestPath = join(CORPUS_DIR, 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error(`corpus not built in ${CORPUS_DIR}: run \`npm run fixtures:corpus\``);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const labelled = manifest.tracks
  .map((track) => ({ ...track, genre: genreOf(track) }))
  .filter((track) => track.genre !== null && existsSync(join(CORPUS_DIR, track.file)));
const leftOut = manifest.tracks.length - labelled.length;

const pool = new MeasurePool(1);
const scored = [];
try {
  for (const [i, track] of labelled.entries()) {
    const result = await analysed(pool, track);
    const choice = pickProfileAutomatically(result);
    scored.push({ track, ranking: choice.ranking, sure: choice.sure });
    if ((i + 1) % 25 === 0) console.error(`analysed ${i + 1} of ${labelled.length}`);
  }
} finally {
  await pool.close();
}

/** The outcome of one track at a margin: best pick, sure or not, truth among the candidates. */
function outcome({ track, ranking }, margin, fitLimit) {
  const candidates = candidatesWithin(ranking, margin, fitLimit).map((c) => c.id);
  return {
    truth: track.genre,
    best: candidates[0],
    sure: candidates.length === 1,
    covered: candidates.includes(track.genre),
  };
}

function summary(entries, margin = AUTO_GENRE_MARGIN, fitLimit = AUTO_GENRE_FIT_LIMIT) {
  const outcomes = entries.map((entry) => outcome(entry, margin, fitLimit));
  const sure = outcomes.filter((o) => o.sure);
  const unsure = outcomes.filter((o) => !o.sure);
  return {
    tracks: outcomes.length,
    top1: outcomes.filter((o) => o.best === o.truth).length,
    sure: sure.length,
    sureRight: sure.filter((o) => o.best === o.truth).length,
    unsure: unsure.length,
    unsureCovered: unsure.filter((o) => o.covered).length,
    outcomes,
  };
}

const half = (name) => scored.filter((entry) => entry.track.half === name);
const pct = (part, whole) => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)} %`);

const sweep = [0.1, 0.25, 0.5].flatMap((margin) =>
  [0.4, 0.6, 0.8, 1, 1.5, Infinity].map((fitLimit) => ({
    margin,
    fitLimit,
    ...summary(half('tuning'), margin, fitLimit),
  })),
);

function confusion(outcomes) {
  const ids = GENRE_PROFILES.map((p) => p.id);
  const truths = ids.filter((id) => outcomes.some((o) => o.truth === id));
  const head = `| true \\ picked | ${ids.join(' | ')} | sure right / sure | unsure, truth a candidate / unsure |`;
  const rows = truths.map((truth) => {
    const mine = outcomes.filter((o) => o.truth === truth);
    const cells = ids.map((id) => {
      const picked = mine.filter((o) => o.best === id);
      const sure = picked.filter((o) => o.sure).length;
      return picked.length === 0 ? '·' : `${picked.length} (${sure} sure)`;
    });
    const sure = mine.filter((o) => o.sure);
    const unsure = mine.filter((o) => !o.sure);
    return `| ${truth} | ${cells.join(' | ')} | ${sure.filter((o) => o.best === truth).length} / ${sure.length} | ${unsure.filter((o) => o.covered).length} / ${unsure.length} |`;
  });
  return [head, `| --- | ${ids.map(() => '---:').join(' | ')} | ---: | ---: |`, ...rows];
}

const line = (name, s) =>
  `| ${name} | ${s.tracks} | ${pct(s.top1, s.tracks)} | ${s.sure} | ${pct(s.sureRight, s.sure)} | ${s.unsure} | ${pct(s.unsureCovered, s.unsure)} |`;
const tuning = summary(half('tuning'));
const heldOut = summary(half('heldout'));
const lines = [
  '<!-- genre:start -->',
  '## Genre auto-detection',
  '',
  `\`npm run bench:genre\` — the automatic genre choice (docs/metrics.md#genre-profile-auto) on the corpus of \`npm run fixtures:corpus\` (seed ${manifest.seed}; ${labelled.length} tracks whose style maps to a MixScope genre through the table in bench/genre.bench.mjs, ${leftOut} left out: latin, blues, marches, waltzes, drifting and other styles without a genre of their own). The renders are unmastered 30 s General MIDI excerpts: quiet, with a wide PLR and almost no loudness range, so they sit far from every profile's ranges (which describe released masters). Margin ${AUTO_GENRE_MARGIN} and fit limit ${AUTO_GENRE_FIT_LIMIT}; the sweep below is on the tuning half.`,
  '',
  '| half | tracks | best pick right | sure | sure and right | unsure | unsure, truth among the candidates |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  line('tuning', tuning),
  line('**held out**', heldOut),
  '',
  "Held-out confusion (rows: the style's genre; columns: the best-fitting profile, how many of those were sure):",
  '',
  ...confusion(heldOut.outcomes),
  '',
  'Sweep on the tuning half (a sure choice must be right at least 95 % of the time):',
  '',
  '| margin | fit limit | sure | sure and right | unsure, truth among the candidates |',
  '| ---: | ---: | ---: | ---: | ---: |',
  ...sweep.map(
    (s) =>
      `| ${s.margin} | ${s.fitLimit === Infinity ? 'none' : s.fitLimit} | ${s.sure} | ${pct(s.sureRight, s.sure)} | ${pct(s.unsureCovered, s.unsure)} |`,
  ),
  '<!-- genre:end -->',
];
const section = lines.join('\n');
if (write) {
  const docsPath = join(root, 'docs/benchmarks.md');
  const docs = existsSync(docsPath) ? readFileSync(docsPath, 'utf8') : '# Benchmarks\n';
  const marked = /<!-- genre:start -->[\s\S]*<!-- genre:end -->/;
  writeFileSync(
    docsPath,
    marked.test(docs) ? docs.replace(marked, section) : `${docs.trimEnd()}\n\n${section}\n`,
  );
}
console.log(section);
if (heldOut.sure > 0 && 1 - heldOut.sureRight / heldOut.sure > MAX_SURE_ERROR) process.exitCode = 1;
