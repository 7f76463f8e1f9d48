import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { session } from './session';
import type { Tokens } from './types';

export type Api = ReturnType<typeof createApi>;

/**
 * The typed client for the admin API (types generated from its OpenAPI document at every build). Every request
 * carries the session's access token; a 401 refreshes the session once and retries; if that fails the session ends
 * and the app returns to sign-in.
 */
export function createApi(baseUrl: string) {
  const refresh = async (refreshToken: string): Promise<Tokens | null> => {
    const response = await fetch(`${baseUrl}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    return response.ok ? ((await response.json()) as Tokens) : null;
  };

  const send = (request: Request, token: string | null) => {
    const headers = new Headers(request.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(new Request(request, { headers }));
  };

  const authFetch = async (input: Request): Promise<Response> => {
    const token = session.accessToken();
    const retry = input.clone();
    const response = await send(input, token);
    if (response.status !== 401 || !token || new URL(input.url).pathname.startsWith('/api/auth/')) return response;
    const fresh = await session.refresh(token, refresh);
    return fresh ? send(retry, fresh) : response;
  };

  const client = createClient<paths>({ baseUrl, fetch: authFetch });
  return Object.assign(client, { baseUrl, fetchWithAuth: authFetch });
}
