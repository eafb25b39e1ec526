import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { detectAudioContainer, isAudioContentType, SIGNATURE_BYTES } from './audio-signature.ts';

const dir = mkdtempSync(join(tmpdir(), 'mixscope-signatures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The first bytes of a real file that ffmpeg writes in the given format. */
function encodedHead(name: string, args: string[]): Uint8Array {
  const path = join(dir, name);
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'sine=f=440:d=0.5',
    ...args,
    path,
  ]);
  return readFileSync(path).subarray(0, SIGNATURE_BYTES);
}

describe('detectAudioContainer', () => {
  it.each([
    ['a.wav', [], 'wav'],
    ['a.rf64.wav', ['-rf64', 'always'], 'wav'],
    ['a.flac', [], 'flac'],
    ['a.ogg', ['-c:a', 'libvorbis'], 'ogg'],
    ['a.opus', ['-c:a', 'libopus'], 'ogg'],
    ['a.mp3', [], 'mp3'],
    ['b.mp3', ['-id3v2_version', '0', '-write_xing', '0'], 'mp3'],
    ['a.m4a', ['-c:a', 'aac'], 'mp4'],
    ['a.aac', ['-c:a', 'aac', '-f', 'adts'], 'aac'],
    ['a.aiff', [], 'aiff'],
    ['a.mka', [], 'matroska'],
    ['a.caf', [], 'caf'],
    ['a.wv', [], 'wavpack'],
    ['a.au', [], 'au'],
  ] as const)('recognises %s as %s', (name, args, container) => {
    expect(detectAudioContainer(encodedHead(name, [...args]))).toBe(container);
  });

  it.each([
    ['PDF', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj')],
    ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
    ['ZIP', Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0, 0, 0])],
    ['gzip', Buffer.concat([Buffer.from([0x1f, 0x8b]), deflateSync(Buffer.alloc(100))])],
    ['text', Buffer.from('title,artist\nSong,Band\n')],
    ['RIFF that is not WAVE', Buffer.from('RIFF\x10\x00\x00\x00AVI LIST')],
    ['empty', Buffer.alloc(0)],
    ['zeros', Buffer.alloc(64)],
    ['0xFF padding', Buffer.alloc(64, 0xff)],
  ])('rejects %s', (_name, bytes) => {
    expect(detectAudioContainer(new Uint8Array(bytes))).toBeNull();
  });
});

describe('isAudioContentType', () => {
  it.each([
    'audio/wav',
    'audio/x-wav',
    'audio/mpeg',
    'audio/flac',
    'audio/mp4; codecs="mp4a.40.2"',
    'AUDIO/OGG',
    'application/ogg',
  ])('accepts %s', (type) => expect(isAudioContentType(type)).toBe(true));
  it.each(['application/pdf', 'video/mp4', 'text/plain', 'audio', 'audio/', 'image/png', ''])(
    'rejects %s',
    (type) => expect(isAudioContentType(type)).toBe(false),
  );
});
