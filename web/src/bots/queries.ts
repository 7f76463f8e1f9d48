import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { unwrap } from '../api/problem';
import type { Bot } from '../api/types';
import { useApi, useServices } from '../app/context';

/** Every bot the caller may see, page after page (a fleet is hundreds at most; pages of 100). */
export function useBots() {
  const api = useApi();
  const query = useInfiniteQuery({
    queryKey: ['bots'],
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/bots', { params: { query: { limit: 100, cursor: pageParam ?? undefined } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.cursor,
    // subscriber counts change all the time and are not pushed; health comes from the heartbeat (once a minute)
    refetchInterval: 15_000,
  });
  const bots: Bot[] = query.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...query, bots };
}

/** What topic bot:<botId> pushes: the bot's health, merged into the bot the list and the detail page hold. */
export type BotHealthState = Pick<Bot, 'status' | 'tokenRevoked' | 'tokenRevokedAt' | 'webhookState'> & { botId: string };

export function mergeBotHealth(bot: Bot, state: BotHealthState): Bot {
  return { ...bot, status: state.status, tokenRevoked: state.tokenRevoked, tokenRevokedAt: state.tokenRevokedAt ?? undefined, webhookState: state.webhookState };
}

/**
 * Pushed bot health updates the listed bots and the open one at once (topic bot:<botId>); both are then fetched again,
 * because the push is a newer version of the bot and an edit must be based on all of it, not on the health alone.
 */
export function useLiveBots(botIds: string[]) {
  const { live } = useServices();
  const queryClient = useQueryClient();
  const key = botIds.join(',');
  useEffect(() => {
    const stops = key.split(',').filter(Boolean).map((id) =>
      live.subscribe(`bot:${id}`, (pushed) => {
        const state = pushed as BotHealthState;
        queryClient.setQueryData<Bot>(['bot', id], (bot) => bot && mergeBotHealth(bot, state));
        queryClient.setQueryData<{ pages: { items: Bot[] }[] }>(['bots'], (data) =>
          data && { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map((b) => (b.id === id ? mergeBotHealth(b, state) : b)) })) },
        );
        queryClient.invalidateQueries({ queryKey: ['bot', id] });
        queryClient.invalidateQueries({ queryKey: ['bots'] });
      }),
    );
    return () => stops.forEach((stop) => stop());
  }, [live, key, queryClient]);
}

export function useSubscriberCounts(botId: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['subscriber-counts', botId],
    queryFn: async () =>
      (await unwrap(api.GET('/api/bots/{botId}/subscribers', { params: { path: { botId }, query: { limit: 1 } } }))).counts,
    staleTime: 10_000,
    // people subscribe all the time: the figures keep up while a page shows them
    refetchInterval: 15_000,
  });
}

export type Health = 'healthy' | 'token required' | 'token revoked' | 'lease expired' | 'detached' | 'unknown' | 'paused' | 'disabled';

/** One word for a bot's state, worst first: what an admin must act on. */
export function health(bot: Bot): Health {
  // restored from an export, which never holds tokens: nothing works until an admin enters it again
  if (bot.tokenRequired) return 'token required';
  if (bot.tokenRevoked) return 'token revoked';
  if (bot.status !== 'active') return bot.status;
  if (bot.owner?.expired) return 'lease expired';
  if (bot.webhookState !== 'attached') return bot.webhookState;
  return 'healthy';
}

export function botLabel(bot: Pick<Bot, 'displayName' | 'username'>): string {
  return `${bot.displayName} (@${bot.username})`;
}
