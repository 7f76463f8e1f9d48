import { type QueryKey, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { useServices } from '../app/context';

/**
 * A REST resource kept current: pushed states replace the cached one while the socket is up; otherwise (no wsUrl,
 * or the socket down) it is polled every `pollMs` while `active` says it can still change.
 */
export function useLiveResource<T>(options: {
  topic: string | null;
  queryKey: QueryKey;
  queryFn: () => Promise<T>;
  active: (data: T | undefined) => boolean;
  pollMs?: number;
}) {
  const { live } = useServices();
  const queryClient = useQueryClient();
  const connected = useSyncExternalStore(
    (cb) => live.onStatus(cb),
    () => live.connected,
  );
  const { topic, queryKey } = options;

  useEffect(() => {
    if (!topic) return;
    return live.subscribe(topic, (state) => queryClient.setQueryData(queryKey, state as T));
    // queryKey is a fresh array on every render; the topic names the same resource
  }, [live, topic, queryClient]);

  return useQuery({
    queryKey,
    queryFn: options.queryFn,
    refetchInterval: (query) => (!connected && options.active(query.state.data as T | undefined) ? options.pollMs ?? 1000 : false),
  });
}
