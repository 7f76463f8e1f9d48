/**
 * Pushed state over a WebSocket: `{"topic", "version", "state"}` messages, where state has the shape of the REST
 * resource the topic names (`campaign:<botId>:<campaignId>` → its progress, `bot:<botId>` → the bot). A message whose
 * version is not newer than the one held is ignored (pushes can arrive late or twice); every (re)connect sends
 * `{"action":"sync","versions":{topic: version}}` so the server sends what was missed. With no wsUrl, or while the
 * socket is down, `connected` is false and the hooks poll the REST resources instead.
 */
export interface LiveMessage {
  topic: string;
  version: number;
  state: unknown;
}

type Handler = (state: unknown) => void;

export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  send(data: string): void;
  close(): void;
}

export type SocketFactory = (url: string) => SocketLike;

const MAX_BACKOFF_MS = 30_000;

export class LiveClient {
  private readonly versions = new Map<string, number>();
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly statusListeners = new Set<() => void>();
  private socket: SocketLike | null = null;
  private backoff = 1000;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private open = false;

  constructor(
    private readonly wsUrl: string | null,
    private readonly token: () => string | null,
    private readonly connect: SocketFactory = (url) => new WebSocket(url) as unknown as SocketLike,
  ) {}

  get connected(): boolean {
    return this.open;
  }

  onStatus(listener: () => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  subscribe(topic: string, handler: Handler): () => void {
    let set = this.handlers.get(topic);
    if (!set) this.handlers.set(topic, (set = new Set()));
    set.add(handler);
    if (this.open) this.sync();
    else this.ensureSocket();
    return () => {
      set.delete(handler);
      if (set.size === 0) this.handlers.delete(topic);
    };
  }

  /** Applies one pushed message; false when it was stale or unreadable. */
  accept(raw: unknown): boolean {
    let message: LiveMessage;
    try {
      message = (typeof raw === 'string' ? JSON.parse(raw) : raw) as LiveMessage;
    } catch {
      return false;
    }
    if (typeof message?.topic !== 'string' || typeof message.version !== 'number') return false;
    const held = this.versions.get(message.topic);
    if (held !== undefined && message.version <= held) return false;
    this.versions.set(message.topic, message.version);
    this.handlers.get(message.topic)?.forEach((h) => h(message.state));
    return true;
  }

  close() {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.handlers.clear();
    this.socket?.close();
    this.socket = null;
    this.setOpen(false);
  }

  private ensureSocket() {
    const token = this.token();
    if (!this.wsUrl || this.socket || this.retry || !token) return;
    const socket = this.connect(`${this.wsUrl}?token=${encodeURIComponent(token)}`);
    this.socket = socket;
    socket.onopen = () => {
      this.backoff = 1000;
      this.setOpen(true);
      this.sync();
    };
    socket.onmessage = (ev) => this.accept(ev.data);
    socket.onclose = () => {
      this.socket = null;
      this.setOpen(false);
      if (this.handlers.size === 0) return;
      this.retry = setTimeout(() => {
        this.retry = null;
        this.ensureSocket();
      }, this.backoff);
      this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
    };
    socket.onerror = () => socket.close();
  }

  private sync() {
    const versions: Record<string, number> = {};
    for (const topic of this.handlers.keys()) versions[topic] = this.versions.get(topic) ?? 0;
    this.socket?.send(JSON.stringify({ action: 'sync', versions }));
  }

  private setOpen(open: boolean) {
    if (this.open === open) return;
    this.open = open;
    this.statusListeners.forEach((l) => l());
  }
}
