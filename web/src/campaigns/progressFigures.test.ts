import { describe, expect, it } from 'vitest';
import type { CampaignProgress } from '../api/types';
import { progressFigures } from './progressFigures';

const progress = (p: Partial<CampaignProgress>): CampaignProgress => ({
  campaignId: 'c',
  status: 'running',
  statusReason: null,
  audienceSize: 0,
  planned: true,
  queued: 0,
  sent: 0,
  blocked: 0,
  deactivated: 0,
  notStarted: 0,
  kicked: 0,
  unknown: 0,
  cancelled: 0,
  failed: { chatNotFound: 0, other: 0 },
  ratePerSecond: 0,
  etaSeconds: null,
  batchesDone: 0,
  batchesTotal: 0,
  ...p,
});

describe('progress figures', () => {
  it('counts every final outcome as done', () => {
    const f = progressFigures(progress({ audienceSize: 10, sent: 5, blocked: 1, unknown: 1, failed: { chatNotFound: 1, other: 1 }, queued: 1 }));
    expect(f).toEqual({ failed: 2, refused: 1, done: 9, percent: 90 });
  });

  it('never rounds up to 100 % before the last recipient', () => {
    expect(progressFigures(progress({ audienceSize: 1000, sent: 999 })).percent).toBe(99);
  });

  it('an empty audience is done once the campaign completes', () => {
    expect(progressFigures(progress({ status: 'running' })).percent).toBe(0);
    expect(progressFigures(progress({ status: 'completed' })).percent).toBe(100);
  });
});
