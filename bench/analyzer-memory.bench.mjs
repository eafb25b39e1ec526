// Analyzer memory over 100 sequential jobs: one long-lived MeasurePool and analyzeFile, as the
// hosted analyzer's TrackMeasurerService uses them, on mixed formats (WAV, FLAC, MP3, OGG; 5 s to
// 1 min). Records the process' RSS, idle after a job, after jobs 1, 10, 50 and 100 into
// docs/benchmarks.md. Goal: less than 50 MB of growth from job 10 to job 100; exits 1 otherwise.
// Usage: npm run bench:memory
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const root = fileURLToPath(new URL('..', import.meta.url));
const { analyzeFile, MeasurePool } = await import(
  new URL('../libs/measure/src/index.ts', import.meta.url).href
);

const JOBS = 100;
const CHECKPOINTS = [1, 10, 50, 100];
const GOAL_MB = 50;
const dir = mkdtempSync(join(tmpdir(), 'mixscope-memory-bench-'));
const sources = [
  { name: 'wav-5s.wav', sec: 5, codec: ['-c:a', 'pcm_s16le'] },
  { name: 'flac-20s.flac', sec: 20, codec: ['-c:a', 'flac'] },
  { name: 'mp3-40s.mp3', sec: 40, codec: ['-c:a', 'libmp3lame', '-b:a', '192k'] },
  { name: 'ogg-60s.ogg', sec: 60, codec: ['-c:a', 'libvorbis', '-q:a', '5'] },
].map((source) => {
  const path = join(dir, source.name);
  execFileSync('ffmpeg', [
    ...['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i'],
    `sine=f=220:r=44100:d=${source.sec}`,
    ...['-f', 'lavfi', '-i', `anoisesrc=r=44100:a=0.2:d=${source.sec}`],
    ...['-filter_complex', '[0][1]amerge=inputs=2', ...source.codec, path],
  ]);
  return { ...source, path };
});

const rssMb = () => Math.round(process.memoryUsage().rss / 1e6);
const idle = () => new Promise((resolve) => setTimeout(resolve, 250));
const pool = new MeasurePool();
const rows = [];
const started = performance.now();
try {
  for (let job = 1; job <= JOBS; job++) {
    const source = sources[(job - 1) % sources.length];
    await analyzeFile(source.path, { pool, maxDurationSec: 3600 });
    if (CHECKPOINTS.includes(job)) {
      await idle();
      rows.push({ job, file: source.name, rss: rssMb() });
      console.log(`job ${job}: RSS ${rows.at(-1).rss} MB`);
    }
  }
} finally {
  await pool.close();
  rmSync(dir, { recursive: true, force: true });
}
const seconds = (performance.now() - started) / 1000;
const rssAt = (job) => rows.find((row) => row.job === job).rss;
const growth = rssAt(100) - rssAt(10);
console.log(
  `growth from job 10 to 100: ${growth} MB (goal < ${GOAL_MB} MB), ${seconds.toFixed(0)} s`,
);

const ffmpegVersion = execFileSync('ffmpeg', ['-version'], { encoding: 'utf8' }).split('\n')[0];
const section = [
  '<!-- memory:start -->',
  '## Analyzer memory over 100 jobs',
  '',
  `\`npm run bench:memory\` — ${JOBS} sequential jobs on one long-lived \`MeasurePool\` with \`analyzeFile\`, as the hosted analyzer runs them: 44.1 kHz stereo WAV (5 s), FLAC (20 s), MP3 (40 s) and OGG (60 s) in turn. RSS of the process (threads included), idle 250 ms after the job. Goal: less than ${GOAL_MB} MB of growth from job 10 to job 100.`,
  '',
  `Machine: ${cpus().length} × ${cpus()[0].model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${ffmpegVersion}. Date: ${new Date().toISOString().slice(0, 10)}. ${JOBS} jobs in ${seconds.toFixed(0)} s.`,
  '',
  '| after job | file | RSS (MB) |',
  '| ---: | --- | ---: |',
  ...rows.map((row) => `| ${row.job} | ${row.file} | ${row.rss} |`),
  '',
  `Growth from job 10 to job 100: ${growth} MB.`,
  '<!-- memory:end -->',
].join('\n');
const docsPath = join(root, 'docs', 'benchmarks.md');
const docs = readFileSync(docsPath, 'utf8');
const marked = /<!-- memory:start -->[\s\S]*<!-- memory:end -->/;
writeFileSync(
  docsPath,
  marked.test(docs) ? docs.replace(marked, section) : `${docs.trimEnd()}\n\n${section}\n`,
);
if (growth >= GOAL_MB) process.exit(1);
