import type { Tokens } from './types';

// Tokens live in localStorage so every tab shares one session. The API revokes a whole refresh-token family when a
// spent token is presented twice, so refreshes are serialised across tabs with a Web Lock: a tab that waited finds
// the tokens another tab already rotated and uses them instead of refreshing again.
const KEY = 'botfleet.session';
const LOCK = 'botfleet.refresh';

interface Stored {
  accessToken: string;
  refreshToken: string;
}

type Listener = (signedIn: boolean) => void;
const listeners = new Set<Listener>();

function read(): Stored | null {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? 'null') as Stored | null;
  } catch {
    return null;
  }
}

export const session = {
  accessToken(): string | null {
    return read()?.accessToken ?? null;
  },

  store(tokens: Pick<Tokens, 'accessToken' | 'refreshToken'>) {
    localStorage.setItem(KEY, JSON.stringify({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken }));
    listeners.forEach((l) => l(true));
  },

  clear() {
    localStorage.removeItem(KEY);
    listeners.forEach((l) => l(false));
  },

  onChange(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },

  /**
   * A fresh access token after `failed` was refused, or null when the session is over. `post` does the refresh call
   * itself so this module stays free of the HTTP client.
   */
  async refresh(failed: string, post: (refreshToken: string) => Promise<Tokens | null>): Promise<string | null> {
    const run = async () => {
      const current = read();
      if (!current) return null;
      if (current.accessToken !== failed) return current.accessToken;
      const tokens = await post(current.refreshToken);
      if (!tokens) {
        session.clear();
        return null;
      }
      session.store(tokens);
      return tokens.accessToken;
    };
    return navigator.locks ? navigator.locks.request(LOCK, run) : run();
  },
};

if (typeof window !== 'undefined') {
  // another tab signed in or out
  window.addEventListener('storage', (e) => {
    if (e.key === KEY) listeners.forEach((l) => l(e.newValue !== null));
  });
}
