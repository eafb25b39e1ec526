import type { PresignedUpload } from './api-types.ts';

export interface PutProgress {
  loaded: number;
  total: number;
}

export class StorageUploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'StorageUploadError';
  }
}

/**
 * PUTs the file straight to the presigned storage URL. XHR rather than fetch, because only XHR
 * reports the bytes sent as they go.
 */
export function putToStorage(
  presigned: PresignedUpload,
  file: Blob,
  onProgress: (progress: PutProgress) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(presigned.method || 'PUT', presigned.url);
    for (const [name, value] of Object.entries(presigned.headers ?? {})) {
      // The browser sets these itself and refuses to be told.
      if (/^(content-length|host)$/i.test(name)) continue;
      xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => {
      onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress({ loaded: file.size, total: file.size });
        resolve();
      } else {
        reject(
          new StorageUploadError(
            `The storage server refused the file (HTTP ${xhr.status}).`,
            xhr.status,
          ),
        );
      }
    };
    xhr.onerror = () =>
      reject(
        new StorageUploadError(
          'The upload was interrupted: the storage server could not be reached.',
          0,
        ),
      );
    xhr.onabort = () => reject(new StorageUploadError('The upload was cancelled.', 0));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
