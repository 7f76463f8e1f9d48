import { describe, expect, it } from 'vitest';
import { presetRange } from './range';
import { allZero, bucketLabels, csvFileName, ctr, deliveryBreakdown, formatPercent, mergeSeries, peak, total } from './series';

describe('mergeSeries', () => {
  it('puts series of the same buckets side by side, in time order, a missing series as zeros', () => {
    const rows = mergeSeries(
      {
        joined: [{ at: '2026-11-30T10:00:00Z', value: 3 }, { at: '2026-11-30T09:00:00Z', value: 1 }],
        blocked: [{ at: '2026-11-30T10:00:00Z', value: 1 }],
        net: undefined,
      },
      'hour',
      'UTC',
      'en-US',
    );
    expect(rows.map((r) => [r.at, r.joined, r.blocked, r.net])).toEqual([
      ['2026-11-30T09:00:00Z', 1, 0, 0],
      ['2026-11-30T10:00:00Z', 3, 1, 0],
    ]);
    expect(rows[1].tick).toBe('10:00');
    expect(rows[1].label).toBe('Nov 30, 10:00');
    expect(allZero(rows, ['net'])).toBe(true);
    expect(allZero(rows, ['joined'])).toBe(false);
  });
});

describe('bucketLabels', () => {
  it('shows hours in the reader’s time zone, with the date at midnight', () => {
    expect(bucketLabels('2026-11-30T15:00:00Z', 'hour', 'Asia/Tokyo', 'en-US')).toEqual({ tick: 'Dec 1', label: 'Dec 1, 00:00' });
    expect(bucketLabels('2026-11-30T15:00:00Z', 'hour', 'Europe/Berlin', 'en-US')).toEqual({ tick: '16:00', label: 'Nov 30, 16:00' });
  });

  it('shows days as the UTC days they count, whatever the zone', () => {
    expect(bucketLabels('2026-11-30T00:00:00Z', 'day', 'America/Los_Angeles', 'en-US')).toEqual({ tick: 'Nov 30', label: 'Mon, Nov 30, 2026 (UTC)' });
  });
});

describe('figures', () => {
  const points = [{ at: 'a', value: 2 }, { at: 'b', value: 5 }, { at: 'c', value: 1 }];

  it('adds counts up and takes the busiest day of active users', () => {
    expect(total(points)).toBe(8);
    expect(peak(points)).toBe(5);
    expect(total(undefined)).toBe(0);
  });

  it('groups every refusal other than a block as failed', () => {
    expect(deliveryBreakdown({ sent: 10, blocked: 2, deactivated: 1, notStarted: 1, kicked: 1, failed: { chatNotFound: 1, other: 2 }, queued: 4 }))
      .toEqual({ sent: 10, blocked: 2, failed: 6, queued: 4 });
  });

  it('divides unique clicks by delivered, zero before any delivery', () => {
    expect(ctr(3, 200)).toBe(0.015);
    expect(ctr(0, 0)).toBe(0);
    expect(formatPercent(0.015)).toBe('1.50%');
  });
});

describe('csvFileName', () => {
  const now = new Date('2026-11-30T14:25:00Z');

  it('names bot, metric and the first and last UTC day', () => {
    expect(csvFileName('123', 'subscribers.joined', presetRange('7d', now))).toBe('stats-123-subscribers.joined-2026-11-24_2026-11-30.csv');
  });

  it('names the first and last hour of an hourly range, without colons', () => {
    expect(csvFileName('123', 'messages.received', presetRange('24h', now))).toBe('stats-123-messages.received-2026-11-29T15Z_2026-11-30T14Z.csv');
  });
});
