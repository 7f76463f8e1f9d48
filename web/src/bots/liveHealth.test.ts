import { describe, expect, it } from 'vitest';
import type { Bot } from '../api/types';
import { mergeBotHealth } from './queries';

const bot = {
  id: '7',
  username: 'demo_bot',
  displayName: 'Demo',
  status: 'active',
  tokenRevoked: false,
  webhookState: 'attached',
  subscribers: { active: 3, blocked: 1, left: 0, kicked: 0, deactivated: 0, not_started: 0, total: 4 },
} as unknown as Bot;

describe('a pushed bot health state', () => {
  it('changes the health fields of the cached bot and keeps everything else', () => {
    const merged = mergeBotHealth(bot, { botId: '7', status: 'active', tokenRevoked: true, tokenRevokedAt: '2026-11-30T10:00:00Z', webhookState: 'detached' });
    expect(merged.tokenRevoked).toBe(true);
    expect(merged.tokenRevokedAt).toBe('2026-11-30T10:00:00Z');
    expect(merged.webhookState).toBe('detached');
    expect(merged.subscribers.total).toBe(4);
    expect(merged.displayName).toBe('Demo');
  });

  it('clears a revocation when the token was replaced (null on the wire)', () => {
    const revoked = { ...bot, tokenRevoked: true, tokenRevokedAt: '2026-11-30T10:00:00Z' } as Bot;
    const merged = mergeBotHealth(revoked, { botId: '7', status: 'active', tokenRevoked: false, tokenRevokedAt: null as unknown as undefined, webhookState: 'attached' });
    expect(merged.tokenRevoked).toBe(false);
    expect(merged.tokenRevokedAt).toBeUndefined();
  });
});
