import type { Api } from '../api/client';
import { ApiError, errorMessage, unwrap } from '../api/problem';
import type { components } from '../api/schema';

export type MediaItem = components['schemas']['MediaItem'];
export type MediaUpload = components['schemas']['MediaUpload'];
export type PresignedPut = MediaUpload['upload'];

/** The part of XMLHttpRequest an upload uses: fetch has no upload progress, so the browser's XHR does the PUT. */
export interface UploadXhr {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: Blob): void;
  abort(): void;
  readonly status: number;
  readonly upload: { onprogress: ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
}

/** Headers a browser sets itself and refuses from scripts: the declared length goes as the body's own size. */
const BROWSER_SET = new Set(['content-length', 'host']);

export class UploadError extends Error {}

/**
 * PUTs the file to the presigned URL with exactly the headers the API signed (content type among them), reporting
 * the fraction sent. S3 refuses a body whose length differs from the signed one, so a file that changed size since
 * the API was asked is refused here first.
 */
export function putToPresignedUrl(
  target: PresignedPut,
  file: Blob,
  declaredSize: number,
  onProgress: (fraction: number) => void,
  // a ProgressEvent is more than the upload reads: only the listener's parameter type differs
  createXhr: () => UploadXhr = () => new XMLHttpRequest() as unknown as UploadXhr,
  signal?: AbortSignal,
): Promise<void> {
  if (file.size !== declaredSize) {
    return Promise.reject(new UploadError(`The file changed while uploading (${file.size} bytes, ${declaredSize} declared): pick it again.`));
  }
  return new Promise((resolve, reject) => {
    const xhr = createXhr();
    xhr.open(target.method, target.url);
    for (const [name, value] of Object.entries(target.headers)) {
      if (!BROWSER_SET.has(name.toLowerCase())) xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.min(1, event.loaded / event.total));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
      } else {
        reject(new UploadError(`The storage refused the file (HTTP ${xhr.status}).`));
      }
    };
    xhr.onerror = () => reject(new UploadError('The upload failed: the storage could not be reached.'));
    xhr.onabort = () => reject(new UploadError('The upload was cancelled.'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/** Asks the API for an upload of this file, then sends the bytes; the library item stays pending until checked. */
export async function uploadToLibrary(
  api: Api,
  file: File,
  onProgress: (fraction: number) => void,
  createXhr?: () => UploadXhr,
): Promise<MediaItem> {
  const started = await unwrap(
    api.POST('/api/media/uploads', { body: { fileName: file.name, contentType: file.type || 'application/octet-stream', size: file.size } }),
  );
  await putToPresignedUrl(started.upload, file, file.size, onProgress, createXhr);
  return started.item;
}

const UNITS = ['KB', 'MB', 'GB'];

/** Bytes as people read them (decimal units, as Telegram states its limits): 999 B, 1.5 KB, 12 MB. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null) return '—';
  if (bytes < 1000) return `${bytes} B`;
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  // 999.96 KB rounds to 1000 KB: say 1 MB instead
  if (rounded >= 1000 && unit < UNITS.length - 1) return `1 ${UNITS[unit + 1]}`;
  return `${rounded} ${UNITS[unit]}`;
}

/** What a reader needs of an item at a glance: its pixel size and, for videos, its length. */
export function describeDimensions(item: Pick<MediaItem, 'width' | 'height' | 'durationSeconds'>): string | null {
  const parts: string[] = [];
  if (item.width && item.height) parts.push(`${item.width}×${item.height}`);
  if (item.durationSeconds != null) {
    const total = Math.round(item.durationSeconds);
    parts.push(`${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`);
  }
  return parts.length ? parts.join(' · ') : null;
}

/** The status people see: a compressed photo is validated, with Telegram sent a smaller copy. */
export function displayStatus(item: Pick<MediaItem, 'status' | 'compressed'>): 'pending' | 'validated' | 'compressed' | 'quarantined' {
  return item.status === 'validated' && item.compressed ? 'compressed' : item.status;
}

/** Why a delete failed, in the words the library page shows: an item a live campaign sends cannot go. */
export function deleteFailure(error: unknown): string {
  if (error instanceof ApiError && error.status === 409) {
    return 'In use: a running, scheduled or paused campaign sends this file. Finish or cancel it first.';
  }
  if (error instanceof ApiError && error.code === 'ALL_BOTS_REQUIRED') {
    return 'Only people with campaign rights over every bot may delete library files.';
  }
  return errorMessage(error);
}
