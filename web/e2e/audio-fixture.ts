/** Makes the audio the end-to-end run uploads, and measures it independently with ffmpeg. */
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A kick on every beat at 120 BPM, a major chord, and pink noise that is partly shared by the two
 * channels (correlation about 0.7 above the bass), with a quiet first third.
 */
function synthGraph(variant: 'mix' | 'reference'): string[] {
  const chord = variant === 'mix' ? [220, 277.18, 329.63] : [246.94, 311.13, 369.99];
  const tone = (gains: number[]) =>
    `0.5*sin(2*PI*55*t)*exp(-10*mod(t\\,0.5))+${chord.map((f, i) => `${gains[i]}*sin(2*PI*${f}*t)`).join('+')}`;
  const seconds = 30;
  const noise = (seed: number, amplitude: number) =>
    `anoisesrc=color=pink:amplitude=${amplitude}:d=${seconds}:seed=${seed}:r=44100`;
  const shape =
    variant === 'mix'
      ? "volume='if(lt(t,10),0.45,1)':eval=frame"
      : "treble=g=5:f=5000,volume='if(lt(t,10),0.7,1.5)':eval=frame,alimiter=limit=0.9:level=false";
  return [
    '-f',
    'lavfi',
    '-i',
    `aevalsrc=exprs='${tone([0.1, 0.07, 0.07])}|${tone([0.08, 0.08, 0.07])}':s=44100:d=${seconds}`,
    '-f',
    'lavfi',
    '-i',
    noise(1, 0.12),
    '-f',
    'lavfi',
    '-i',
    noise(2, 0.12),
    '-f',
    'lavfi',
    '-i',
    noise(3, 0.2),
    '-filter_complex',
    [
      '[3]asplit=2[c1][c2]',
      '[1][c1]amix=inputs=2:normalize=0[l]',
      '[2][c2]amix=inputs=2:normalize=0[r]',
      '[l][r]join=inputs=2:channel_layout=stereo[n]',
      `[0][n]amix=inputs=2:normalize=0,${shape}[out]`,
    ].join(';'),
    '-map',
    '[out]',
  ];
}

export function makeTestAudio(dir: string): { mix: string; reference: string; notAudio: string } {
  const mix = join(dir, 'e2e-final-mix.wav');
  const reference = join(dir, 'e2e-reference.flac');
  const ffmpeg = (args: string[]) =>
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
  ffmpeg([...synthGraph('mix'), '-c:a', 'pcm_s16le', mix]);
  ffmpeg([...synthGraph('reference'), '-c:a', 'flac', reference]);
  const notAudio = join(dir, 'notes.wav');
  writeFileSync(notAudio, '%PDF-1.7 not audio at all, whatever the name says');
  return { mix, reference, notAudio };
}

/** Integrated loudness and true peak from ffmpeg's ebur128 filter, the reference the analyzer is checked against. */
export function ffmpegLoudness(file: string): { integratedLufs: number; truePeakDbtp: number } {
  // The filter prints its summary on stderr.
  const { stderr } = spawnSync(
    'ffmpeg',
    ['-hide_banner', '-nostats', '-i', file, '-af', 'ebur128=peak=true', '-f', 'null', '-'],
    { encoding: 'utf8' },
  );
  return parseEbur128(stderr);
}

function parseEbur128(text: string): { integratedLufs: number; truePeakDbtp: number } {
  const summary = text.slice(text.lastIndexOf('Summary:'));
  const integrated = /I:\s+(-?[\d.]+) LUFS/.exec(summary);
  const peak = /Peak:\s+(-?[\d.]+) dBFS/.exec(summary);
  if (!integrated || !peak)
    throw new Error(`no ebur128 summary in ffmpeg output:\n${text.slice(-800)}`);
  return { integratedLufs: Number(integrated[1]), truePeakDbtp: Number(peak[1]) };
}

/** When the clipped burst of `makeClippedMix` starts. */
export const CLIPPED_BURST_SEC = 12;

/**
 * 30 s of a 220 Hz tone at -10 dBFS with a 0.4 s burst driven 4 dB past full scale at
 * CLIPPED_BURST_SEC: the analysis finds clipping and true-peak overs there and nowhere else.
 */
export function makeClippedMix(dir: string): string {
  const file = join(dir, 'e2e-clipped-mix.wav');
  const wave = `max(-1\\,min(1\\,(0.316+1.2*between(t\\,${CLIPPED_BURST_SEC}\\,${CLIPPED_BURST_SEC + 0.4}))*sin(2*PI*220*t)))`;
  execFileSync('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `aevalsrc=exprs='${wave}|${wave}':s=44100:d=30`,
    '-c:a',
    'pcm_s16le',
    file,
  ]);
  return file;
}
