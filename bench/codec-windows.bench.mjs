// `node bench/codec-windows.bench.mjs [FILE…]`: the codec preview on its windows against full
// encodes of the same files: true peak and integrated-loudness change, per codec. Prints a table
// (docs/measurement.md#codec-preview quotes it). Default files: the real-music fixtures and the
// 4-minute track of `npm run bench` (bench/.work/track-4min.wav), where present.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const root = fileURLToPath(new URL('..', import.meta.url));
const measure = new URL('../libs/measure/src/', import.meta.url);
const { decodeFile } = await import(new URL('decode/decode.ts', measure).href);
const { MeasurePool } = await import(new URL('measure-pool.ts', measure).href);
const { CODEC_ENCODERS, encoderArgs, previewCodecs } = await import(
  new URL('codecs/codec-preview.ts', measure).href
);

const defaults = [
  ...['funnyboat-trip', 'pangzero-upipang', 'solarwolf-h2'].map((name) =>
    join(root, `fixtures/music/${name}.s24.flac`),
  ),
  join(root, 'bench/.work/track-4min.wav'),
];
const files = (process.argv.length > 2 ? process.argv.slice(2) : defaults).filter(existsSync);

/** ffmpeg's ebur128 of a file: integrated loudness and true peak (per-frame metadata, 0.001). */
function ebur128(path) {
  const out = execFileSync(
    'ffmpeg',
    [
      ...['-nostdin', '-hide_banner', '-nostats', '-v', 'error', '-i', path],
      ...['-af', 'ebur128=peak=true:metadata=1,ametadata=mode=print:file=-', '-f', 'null', '-'],
    ],
    { maxBuffer: 1 << 30 },
  ).toString();
  let peak = 0;
  for (const m of out.matchAll(/true_peaks_ch\d+=([\d.]+)/g)) peak = Math.max(peak, Number(m[1]));
  const integrated = [...out.matchAll(/lavfi\.r128\.I=(-?[\d.]+)/g)].at(-1);
  return { integratedLufs: Number(integrated[1]), truePeakDbtp: 20 * Math.log10(peak) };
}

const signed = (v) => `${v > 0 ? '+' : ''}${v.toFixed(2)}`;
const dir = mkdtempSync(join(tmpdir(), 'codec-windows-'));
const pool = new MeasurePool();
try {
  console.log(
    '| file | codec | measured (s) | true peak: windows / full (dBTP) | loudness change: windows / full (LU) |',
  );
  console.log('| --- | --- | ---: | --- | --- |');
  for (const file of files) {
    const decoded = await decodeFile(file, { timeoutMs: 600_000 });
    const rows = await previewCodecs({ pool, audio: decoded.audio, timeoutMs: 600_000 });
    const original = ebur128(file);
    for (const row of rows) {
      if (!row.available) continue;
      const { container } = CODEC_ENCODERS[row.codec];
      const encoded = join(dir, `${row.codec}.${container}`);
      execFileSync('ffmpeg', [
        ...['-nostdin', '-v', 'error', '-y', '-i', file, '-map', '0:a:0', '-vn'],
        ...['-af', 'aformat=channel_layouts=mono|stereo'],
        ...encoderArgs(row.codec, decoded.info.sampleRate),
        ...['-f', container, encoded],
      ]);
      const full = ebur128(encoded);
      const fullDelta = full.integratedLufs - original.integratedLufs;
      console.log(
        `| ${basename(file)} | ${row.codec} | ${row.measuredSec} | ${signed(row.truePeakDbtp)} / ${signed(full.truePeakDbtp)} | ${signed(row.integratedLufsDelta)} / ${signed(fullDelta)} |`,
      );
    }
  }
} finally {
  await pool.close();
  rmSync(dir, { recursive: true, force: true });
}
