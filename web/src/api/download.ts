import type { Api } from './client';
import { ApiError } from './problem';

/**
 * Downloads a CSV export as one file. Exports come in parts (x-next-cursor); each later part repeats the header
 * line, which is dropped. Authenticated fetch + a blob link, since a plain link cannot carry the bearer token.
 */
export async function downloadCsv(api: Api, path: string, fileName: string, params: Record<string, string> = {}) {
  saveFile(await fetchCsv(api, path, params), 'text/csv', fileName);
}

/** Hands {@code text} to the browser as a downloaded file. */
export function saveFile(text: string, type: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function fetchCsv(api: Api, path: string, params: Record<string, string> = {}): Promise<string> {
  let cursor: string | null = null;
  let out = '';
  do {
    const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== ''));
    if (cursor) query.set('cursor', cursor);
    const response = await api.fetchWithAuth(new Request(`${api.baseUrl}${path}?${query}`));
    if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => ({})));
    const part = await response.text();
    out += out === '' ? part : part.slice(part.indexOf('\n') + 1);
    cursor = response.headers.get('x-next-cursor');
  } while (cursor);
  return out;
}
