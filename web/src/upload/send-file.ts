import type { PutProgress } from '../api/put-to-storage.ts';
import { putToStorage } from '../api/put-to-storage.ts';
import { api } from '../api/endpoints.ts';

/** Presign, PUT the bytes straight to storage, then ask the gateway to check them. Returns the upload id. */
export async function sendFile(
  projectId: string,
  file: File,
  onProgress: (progress: PutProgress) => void,
  signal?: AbortSignal,
): Promise<string> {
  const presigned = await api.createUpload(projectId, {
    fileName: file.name,
    sizeBytes: file.size,
    contentType: file.type || guessContentType(file.name),
  });
  await putToStorage(presigned, file, onProgress, signal);
  await api.completeUpload(presigned.uploadId);
  return presigned.uploadId;
}

const TYPES: Record<string, string> = {
  wav: 'audio/wav',
  wave: 'audio/wav',
  flac: 'audio/flac',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/opus',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  aif: 'audio/aiff',
  aiff: 'audio/aiff',
};

export function guessContentType(name: string): string {
  const extension = name.split('.').pop()?.toLowerCase() ?? '';
  return TYPES[extension] ?? 'application/octet-stream';
}
