import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem';
import { deleteFailure, describeDimensions, displayStatus, formatBytes, putToPresignedUrl, type UploadXhr } from './upload';

class FakeXhr implements UploadXhr {
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: Blob | null = null;
  status = 0;
  aborted = false;
  upload: UploadXhr['upload'] = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: Blob) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ loaded, total, lengthComputable: true });
  }
  finish(status: number) {
    this.status = status;
    this.onload?.();
  }
}

const target = { method: 'PUT' as const, url: 'http://s3.local/bucket/uploads/01H?X-Amz-Signature=abc', headers: { 'content-type': 'image/jpeg' }, expiresAt: '2026-01-01T00:00:00Z' };

describe('putToPresignedUrl', () => {
  it('sends the file with exactly the signed headers and reports progress up to 1', async () => {
    const xhr = new FakeXhr();
    const file = new Blob([new Uint8Array(10)], { type: 'image/jpg' });
    const seen: number[] = [];
    const done = putToPresignedUrl(target, file, 10, (f) => seen.push(f), () => xhr);
    expect(xhr.method).toBe('PUT');
    expect(xhr.url).toBe(target.url);
    // the API's normalized type, not the browser's guess
    expect(xhr.headers).toEqual({ 'content-type': 'image/jpeg' });
    expect(xhr.body).toBe(file);
    xhr.progress(4, 10);
    xhr.upload.onprogress?.({ loaded: 0, total: 0, lengthComputable: false });
    xhr.finish(200);
    await done;
    expect(seen).toEqual([0.4, 1]);
  });

  it('leaves the length to the browser, which takes it from the body', async () => {
    const xhr = new FakeXhr();
    const done = putToPresignedUrl({ ...target, headers: { 'Content-Type': 'image/png', 'Content-Length': '3' } }, new Blob(['abc']), 3, () => {}, () => xhr);
    expect(xhr.headers).toEqual({ 'Content-Type': 'image/png' });
    xhr.finish(200);
    await done;
  });

  it('refuses a file whose size is not the declared one before sending anything', async () => {
    let created = false;
    await expect(
      putToPresignedUrl(target, new Blob(['abcd']), 3, () => {}, () => {
        created = true;
        return new FakeXhr();
      }),
    ).rejects.toThrow(/changed while uploading/);
    expect(created).toBe(false);
  });

  it('fails with the status the storage answered', async () => {
    const xhr = new FakeXhr();
    const done = putToPresignedUrl(target, new Blob(['a']), 1, () => {}, () => xhr);
    xhr.finish(403);
    await expect(done).rejects.toThrow('HTTP 403');
  });

  it('fails on a network error and on abort', async () => {
    const xhr = new FakeXhr();
    const failed = putToPresignedUrl(target, new Blob(['a']), 1, () => {}, () => xhr);
    xhr.onerror?.();
    await expect(failed).rejects.toThrow(/could not be reached/);

    const controller = new AbortController();
    const second = new FakeXhr();
    const cancelled = putToPresignedUrl(target, new Blob(['a']), 1, () => {}, () => second, controller.signal);
    controller.abort();
    await expect(cancelled).rejects.toThrow(/cancelled/);
    expect(second.aborted).toBe(true);
  });
});

describe('formatBytes', () => {
  it.each([
    [null, '—'],
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1 KB'],
    [1536, '1.5 KB'],
    [12_345, '12 KB'],
    [999_960, '1 MB'],
    [10_000_000, '10 MB'],
    [52_428_800, '52 MB'],
    [3_200_000_000, '3.2 GB'],
  ])('%s → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('describeDimensions and displayStatus', () => {
  it('shows pixels and a video length', () => {
    expect(describeDimensions({ width: 1280, height: 720, durationSeconds: 75.4 })).toBe('1280×720 · 1:15');
    expect(describeDimensions({ width: null, height: null, durationSeconds: null })).toBeNull();
  });

  it('calls a validated item with a copy compressed', () => {
    expect(displayStatus({ status: 'validated', compressed: true })).toBe('compressed');
    expect(displayStatus({ status: 'validated', compressed: false })).toBe('validated');
    expect(displayStatus({ status: 'quarantined', compressed: false })).toBe('quarantined');
  });
});

describe('deleteFailure', () => {
  it('explains the in-use refusal and the bot-scope refusal, and passes on any other problem', () => {
    expect(deleteFailure(new ApiError(409, { code: 'MEDIA_IN_USE', title: 'Conflict' }))).toMatch(/^In use: a running, scheduled or paused campaign/);
    expect(deleteFailure(new ApiError(403, { code: 'ALL_BOTS_REQUIRED', title: 'Forbidden' }))).toMatch(/every bot/);
    expect(deleteFailure(new ApiError(404, { code: 'MEDIA_NOT_FOUND', detail: 'No such media item' }))).toBe('No such media item');
  });
});
