import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import type { Api } from '../api/client';
import { unwrap } from '../api/problem';
import type { Permission, User } from '../api/types';
import type { RuntimeConfig } from '../config';
import type { LiveClient } from '../live/liveClient';

interface AppServices {
  api: Api;
  config: RuntimeConfig;
  live: LiveClient;
}

const Services = createContext<AppServices | null>(null);

export function ServicesProvider({ value, children }: { value: AppServices; children: ReactNode }) {
  return <Services.Provider value={value}>{children}</Services.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(Services);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}

export function useApi(): Api {
  return useServices().api;
}

export interface Me {
  user: User;
  permissions: Permission[];
}

/** The signed-in user and what they may do; pages hide or disable controls from it (the API refuses anyway). */
export function useMe() {
  const api = useApi();
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => (await unwrap(api.GET('/api/me'))) as Me,
    staleTime: 60_000,
  });
}

export function useCan(): (permission: Permission) => boolean {
  const { data } = useMe();
  return (permission) => data?.permissions.includes(permission) ?? false;
}
