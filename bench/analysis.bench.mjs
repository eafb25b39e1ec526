// `npm run bench`: CPU time, wall time and peak memory of `mixscope analyze --json` on a 4-minute
// 44.1 kHz stereo track (WAV and MP3), against ffmpeg's ebur128 pass on the same file, the two run
// alternately in the same minutes; then the CPU time of each measurement stage
// (bench/analysis-stages.mjs). CPU is user + system time from rusage of the process and of every
// child it waited for (ffprobe and the ffmpeg decoder included), so it holds on a busy machine;
// wall time does not, and the load average is written beside it. The analysis is timed without the
// codec preview (`--no-codecs`); the preview's own cost is then measured as alternated runs with and
// without it on the WAV track. Writes docs/benchmarks.md.
//   --against DIR   also run the built tree in DIR (another checkout), alternately, for a
//                   before/after in the same minutes
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = join(root, 'bench/.work');
const runs = 5;
const durationSec = 240;
const againstAt = process.argv.indexOf('--against');
const against = againstAt === -1 ? null : resolve(process.argv[againstAt + 1]);

mkdirSync(work, { recursive: true });
const track = { wav: join(work, 'track-4min.wav'), mp3: join(work, 'track-4min.mp3') };
makeTrack();

const loadBefore = loadavg();
const rows = [];
for (const [format, file] of Object.entries(track)) {
  const analyze = (tree) => [...analyzeCommand(tree, file), '--no-codecs'];
  const ebur128 = ['ffmpeg', '-nostdin', '-hide_banner', '-i', file];
  ebur128.push('-af', 'ebur128=peak=true', '-f', 'null', '-');
  const [mixscope, ffmpeg, before] = timeRuns([
    analyze(root),
    ebur128,
    ...(against ? [analyze(against)] : []),
  ]);
  const pcmMb = (durationSec * 44100 * 2 * 4) / 2 ** 20;
  rows.push({ format, mixscope, ffmpeg, before, pcmMb });
}
const [withCodecs, withoutCodecs] = timeRuns([
  analyzeCommand(root, track.wav),
  [...analyzeCommand(root, track.wav), '--no-codecs'],
]);
const loadAfter = loadavg();
const stages = measureStages(track.wav);

const machine = `${cpus().length} × ${cpus()[0].model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const load = (l) => l.map((v) => v.toFixed(2)).join(', ');
const ratio = (a, b) => (a / b).toFixed(2);
const lines = [
  '# Benchmarks',
  '',
  `Full analysis (\`mixscope analyze FILE --json --no-codecs\`, process start to JSON out) of a ${durationSec / 60}-minute 44.1 kHz stereo track, median of ${runs} runs, against \`ffmpeg -i FILE -af ebur128=peak=true -f null -\` on the same file, the two run alternately in the same minutes. CPU is user + system time from rusage of the process and its children (ffprobe and the ffmpeg decoder count for MixScope), which holds on a busy machine; wall time holds only on a quiet one, so read it with the load average. Goals: CPU at most 1.5 × ffmpeg's, wall at most 1.0 × on a quiet machine.`,
  '',
  `Machine: ${machine}. Date: ${new Date().toISOString().slice(0, 10)}. Load average (1, 5, 15 min) at the start ${load(loadBefore)}, at the end ${load(loadAfter)}.`,
  '',
  '| file | MixScope CPU (s) | ffmpeg CPU (s) | CPU ratio (goal 1.5) | MixScope wall (s) | ffmpeg wall (s) | wall ratio (goal 1.0, quiet machine) | MixScope peak RSS (MB) | limit: 3 × PCM + 150 (MB) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| ${r.format.toUpperCase()} | ${r.mixscope.cpuSec.toFixed(2)} | ${r.ffmpeg.cpuSec.toFixed(2)} | ${ratio(r.mixscope.cpuSec, r.ffmpeg.cpuSec)} | ${r.mixscope.wallSec.toFixed(2)} | ${r.ffmpeg.wallSec.toFixed(2)} | ${ratio(r.mixscope.wallSec, r.ffmpeg.wallSec)} | ${r.mixscope.peakRssMb.toFixed(0)} | ${(3 * r.pcmMb + 150).toFixed(0)} |`,
  ),
  '',
  ...(against
    ? [
        `The tree in ${against} (before), run alternately with the two above: CPU ${rows.map((r) => `${r.format.toUpperCase()} ${r.before.cpuSec.toFixed(2)} s (${ratio(r.before.cpuSec, r.ffmpeg.cpuSec)} × ffmpeg)`).join(', ')}; wall ${rows.map((r) => `${r.format.toUpperCase()} ${r.before.wallSec.toFixed(2)} s (${ratio(r.before.wallSec, r.ffmpeg.wallSec)} ×)`).join(', ')}.`,
        '',
      ]
    : []),
  `Codec preview (AAC 256, Ogg Vorbis 320, Opus 160, MP3 320 kb/s, on the track's windows, two encoders at a time) on the WAV track, medians of ${runs} alternated runs in the same minutes: with ${withCodecs.wallSec.toFixed(2)} s (CPU ${withCodecs.cpuSec.toFixed(2)} s), without (\`--no-codecs\`) ${withoutCodecs.wallSec.toFixed(2)} s (CPU ${withoutCodecs.cpuSec.toFixed(2)} s): CPU ratio ${ratio(withCodecs.cpuSec, withoutCodecs.cpuSec)}, wall ratio ${ratio(withCodecs.wallSec, withoutCodecs.wallSec)} (goal 1.5). With the preview the analysis takes ${ratio(withCodecs.cpuSec, rows[0].ffmpeg.cpuSec)} × ffmpeg's CPU time.`,
  '',
  `CPU time of each measurement stage on the WAV track (\`node bench/analysis-stages.mjs FILE\`: each stage run once in a fresh process, as the CLI runs it, on one thread; median of ${runs}; decoding and start-up not counted):`,
  '',
  '| stage | CPU (ms) |',
  '| --- | ---: |',
  ...Object.entries(stages).map(([stage, ms]) => `| ${stage} | ${ms.toFixed(0)} |`),
  '',
];
writeFileSync(join(root, 'docs/benchmarks.md'), withOtherSections(lines.join('\n')));
console.log(lines.join('\n'));

function analyzeCommand(tree, file) {
  return ['node', join(tree, 'bin/mixscope.mjs'), 'analyze', file, '--json'];
}

function makeTrack() {
  if (existsSync(track.wav) && existsSync(track.mp3)) return;
  const musicDir = join(root, 'fixtures/music');
  if (!existsSync(musicDir))
    execFileSync('bash', [join(root, 'scripts/fetch-music.sh')], { stdio: 'inherit' });
  const clips = readdirSync(musicDir)
    .filter((f) => f.endsWith('.flac'))
    .sort();
  if (clips.length === 0) throw new Error('no music clips in fixtures/music');
  // Loop the real-music clips into one 4-minute track.
  const list = join(work, 'clips.txt');
  const entries = [];
  for (let i = 0; i < 40; i++) entries.push(`file '${join(musicDir, clips[i % clips.length])}'`);
  writeFileSync(list, `${entries.join('\n')}\n`);
  const common = [
    '-nostdin',
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'concat',
    '-safe',
    '0',
    '-i',
    list,
    '-t',
    String(durationSec),
    '-ar',
    '44100',
    '-ac',
    '2',
  ];
  execFileSync('ffmpeg', [...common, '-c:a', 'pcm_s16le', track.wav]);
  execFileSync('ffmpeg', [...common, '-c:a', 'libmp3lame', '-b:a', '320k', track.mp3]);
}

/**
 * Runs the commands in turn, `runs` rounds, under GNU time, so that a change in the machine's load
 * falls on all of them alike. Per command: median wall time, median CPU time (user + system of the
 * process and the children it waited for) and the peak RSS.
 */
function timeRuns(commands) {
  const samples = commands.map(() => ({ wall: [], cpu: [], peakRssMb: 0 }));
  for (let i = 0; i < runs; i++) {
    commands.forEach((command, c) => {
      const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', ...command], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
      if (r.status !== 0) throw new Error(`${command.join(' ')} failed: ${r.stderr.slice(-500)}`);
      const [elapsed, user, system, rssKb] = r.stderr.trim().split('\n').at(-1).split(' ');
      samples[c].wall.push(Number(elapsed));
      samples[c].cpu.push(Number(user) + Number(system));
      samples[c].peakRssMb = Math.max(samples[c].peakRssMb, Number(rssKb) / 1024);
    });
  }
  return samples.map((s) => ({
    wallSec: median(s.wall),
    cpuSec: median(s.cpu),
    peakRssMb: s.peakRssMb,
  }));
}

/** Median CPU time of each stage, `runs` fresh processes of bench/analysis-stages.mjs. */
function measureStages(file) {
  const perStage = {};
  for (let i = 0; i < runs; i++) {
    const out = execFileSync('node', [join(root, 'bench/analysis-stages.mjs'), file], {
      encoding: 'utf8',
    });
    for (const [stage, ms] of Object.entries(JSON.parse(out))) (perStage[stage] ??= []).push(ms);
  }
  return Object.fromEntries(Object.entries(perStage).map(([stage, ms]) => [stage, median(ms)]));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * This benchmark owns the head of the file, up to the first marked section: the sections the other
 * benchmarks write (`<!-- load:start -->`, `<!-- memory:start -->`, ...) and the notes after them
 * are kept as they are.
 */
function withOtherSections(analysisSection) {
  const file = join(root, 'docs/benchmarks.md');
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const firstMarked = previous.search(/<!-- [a-z]+:start -->/);
  if (firstMarked === -1) return `${analysisSection}\n`;
  return `${analysisSection}\n${previous.slice(firstMarked)}`;
}
