import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { unwrap } from '../api/problem';
import { useApi } from '../app/context';

/** What the file picker offers: the types the API accepts for upload (see MediaUploadRequest). */
export const ACCEPTED_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'video/mp4',
  'application/pdf',
  'application/zip',
  'text/plain',
  'text/csv',
  '.doc,.docx,.xls,.xlsx,.ppt,.pptx',
].join(',');

/** One page of the library, newest first; polled while any item on it still waits for its check. */
export function useMediaPage(cursor: string | null, limit = 24) {
  const api = useApi();
  return useQuery({
    queryKey: ['media', cursor, limit],
    queryFn: () => unwrap(api.GET('/api/media', { params: { query: { limit, cursor: cursor ?? undefined } } })),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((m) => m.status === 'pending') ? 2000 : false),
  });
}

/** One library item (a campaign names it by id); its presigned links last 10 minutes, so it is fetched again after 5. */
export function useMediaItem(mediaId: string | null | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: ['media-item', mediaId],
    enabled: Boolean(mediaId),
    queryFn: () => unwrap(api.GET('/api/media/{mediaId}', { params: { path: { mediaId: mediaId! } } })),
    staleTime: 5 * 60_000,
    refetchInterval: 5 * 60_000,
  });
}
