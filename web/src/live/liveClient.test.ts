import { describe, expect, it, vi } from 'vitest';
import { LiveClient, type SocketLike } from './liveClient';

class FakeSocket implements SocketLike {
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  sent: unknown[] = [];
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.onclose?.({});
  }
  push(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

function client(wsUrl: string | null = 'wss://live.test/ws') {
  const sockets: FakeSocket[] = [];
  const live = new LiveClient(wsUrl, () => 'jwt.token', (url) => {
    const s = new FakeSocket(url);
    sockets.push(s);
    return s;
  });
  return { live, sockets };
}

describe('live client', () => {
  it('connects with the access token and syncs its topics on open', () => {
    const { live, sockets } = client();
    live.subscribe('campaign:1:c1', () => {});
    expect(sockets[0].url).toBe('wss://live.test/ws?token=jwt.token');
    sockets[0].onopen?.({});
    expect(live.connected).toBe(true);
    expect(sockets[0].sent).toEqual([{ action: 'sync', versions: { 'campaign:1:c1': 0 } }]);
  });

  it('applies newer versions and ignores stale or repeated ones', () => {
    const { live, sockets } = client();
    const seen: unknown[] = [];
    live.subscribe('bot:7', (s) => seen.push(s));
    sockets[0].onopen?.({});
    sockets[0].push({ topic: 'bot:7', version: 2, state: { v: 2 } });
    sockets[0].push({ topic: 'bot:7', version: 1, state: { v: 1 } });
    sockets[0].push({ topic: 'bot:7', version: 2, state: { v: 'again' } });
    sockets[0].push({ topic: 'bot:7', version: 3, state: { v: 3 } });
    sockets[0].push({ topic: 'bot:8', version: 9, state: { other: true } });
    expect(seen).toEqual([{ v: 2 }, { v: 3 }]);
  });

  it('ignores messages that are not live messages', () => {
    const { live } = client();
    expect(live.accept('not json')).toBe(false);
    expect(live.accept({ topic: 'bot:1' })).toBe(false);
  });

  it('reconnects after the socket closes and sends the versions it holds', () => {
    vi.useFakeTimers();
    try {
      const { live, sockets } = client();
      live.subscribe('campaign:1:c1', () => {});
      sockets[0].onopen?.({});
      sockets[0].push({ topic: 'campaign:1:c1', version: 5, state: {} });
      sockets[0].close();
      expect(live.connected).toBe(false);
      vi.advanceTimersByTime(1000);
      expect(sockets).toHaveLength(2);
      sockets[1].onopen?.({});
      expect(sockets[1].sent).toEqual([{ action: 'sync', versions: { 'campaign:1:c1': 5 } }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('never connects without a wsUrl, so callers poll', () => {
    const { live, sockets } = client(null);
    live.subscribe('bot:1', () => {});
    expect(sockets).toHaveLength(0);
    expect(live.connected).toBe(false);
  });
});
