import { contentTypeForUpload } from '@mixscope/contracts';
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
    contentType: contentTypeForUpload(file.name, file.type),
  });
  await putToStorage(presigned, file, onProgress, signal);
  await api.completeUpload(presigned.uploadId);
  return presigned.uploadId;
}
