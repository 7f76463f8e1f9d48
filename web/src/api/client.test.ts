// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApi } from './client';
import { session } from './session';

const BASE = 'https://api.test';
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the API client with an expiring session', () => {
  const calls: { url: string; auth: string | null; body?: string }[] = [];
  let answers: Response[];

  beforeEach(() => {
    calls.length = 0;
    localStorage.clear();
    session.store({ accessToken: 'old-access', refreshToken: 'refresh-1' });
    vi.stubGlobal('fetch', async (input: Request | string, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      calls.push({ url: new URL(request.url).pathname, auth: request.headers.get('authorization'), body: request.method === 'POST' ? await request.clone().text() : undefined });
      return answers.shift()!;
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('refreshes once on a 401 and retries with the new token', async () => {
    answers = [json(401, { code: 'TOKEN_EXPIRED' }), json(200, { accessToken: 'new-access', refreshToken: 'refresh-2' }), json(200, { setupRequired: false })];
    const { data } = await createApi(BASE).GET('/api/setup');
    expect(data).toEqual({ setupRequired: false });
    expect(calls.map((c) => [c.url, c.auth])).toEqual([
      ['/api/setup', 'Bearer old-access'],
      ['/api/auth/refresh', null],
      ['/api/setup', 'Bearer new-access'],
    ]);
    expect(JSON.parse(calls[1].body!)).toEqual({ refreshToken: 'refresh-1' });
    expect(session.accessToken()).toBe('new-access');
  });

  it('ends the session when the refresh is refused', async () => {
    const signedOut = vi.fn();
    const stop = session.onChange(signedOut);
    answers = [json(401, { code: 'TOKEN_EXPIRED' }), json(401, { code: 'REFRESH_TOKEN_REUSED' })];
    const { response } = await createApi(BASE).GET('/api/me');
    stop();
    expect(response.status).toBe(401);
    expect(calls).toHaveLength(2);
    expect(session.accessToken()).toBeNull();
    expect(signedOut).toHaveBeenCalledWith(false);
  });

  it('uses tokens another tab already rotated instead of refreshing again', async () => {
    session.store({ accessToken: 'rotated-elsewhere', refreshToken: 'refresh-2' });
    const fresh = await session.refresh('old-access', async () => {
      throw new Error('must not refresh');
    });
    expect(fresh).toBe('rotated-elsewhere');
  });

  it('never refreshes for the sign-in calls themselves', async () => {
    answers = [json(401, { code: 'INVALID_CREDENTIALS' })];
    const { response } = await createApi(BASE).POST('/api/auth/login', { body: { email: 'a@b.c', password: 'x' } });
    expect(response.status).toBe(401);
    expect(calls).toHaveLength(1);
  });
});
