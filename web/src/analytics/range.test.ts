import { describe, expect, it } from 'vitest';
import { customRange, describeRange, granularityOf, presetRange } from './range';

const NOW = new Date('2026-11-30T14:25:00Z');

describe('presetRange', () => {
  it('ends the last 24 hours at the end of the current hour: 24 hourly buckets', () => {
    const r = presetRange('24h', NOW);
    expect(r.from.toISOString()).toBe('2026-11-29T15:00:00.000Z');
    expect(r.to.toISOString()).toBe('2026-11-30T15:00:00.000Z');
    expect(r.granularity).toBe('hour');
  });

  it('ends day ranges at the end of the current UTC day: exactly that many daily buckets', () => {
    const week = presetRange('7d', NOW);
    expect(week.from.toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(week.to.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(week.granularity).toBe('day');
    expect(presetRange('90d', NOW).from.toISOString()).toBe('2026-09-02T00:00:00.000Z');
  });

  it('gives the same range all hour long, so repeated requests are the same request', () => {
    expect(presetRange('24h', new Date('2026-11-30T14:59:59Z'))).toEqual(presetRange('24h', NOW));
  });
});

describe('customRange', () => {
  it('includes both UTC days', () => {
    const r = customRange('2026-11-01', '2026-11-30');
    expect(r).toEqual({ from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z'), granularity: 'day' });
  });

  it('is hourly up to three days, as the API buckets it', () => {
    expect(customRange('2026-11-28', '2026-11-30')).toMatchObject({ granularity: 'hour' });
    expect(customRange('2026-11-27', '2026-11-30')).toMatchObject({ granularity: 'day' });
  });

  it('refuses a reversed, missing or too long range', () => {
    expect(customRange('2026-11-30', '2026-11-01')).toEqual({ error: 'The end date is before the start date.' });
    expect(customRange('', '2026-11-01')).toEqual({ error: 'Pick both dates.' });
    expect(customRange('2026-01-01', '2026-11-30')).toEqual({ error: 'Pick at most 92 days.' });
    expect(customRange('2026-09-01', '2026-12-01')).toMatchObject({ granularity: 'day' });
  });
});

describe('granularityOf and describeRange', () => {
  it('matches the API: hourly up to 72 hours', () => {
    expect(granularityOf(new Date('2026-11-27T00:00:00Z'), new Date('2026-11-30T00:00:00Z'))).toBe('hour');
    expect(granularityOf(new Date('2026-11-27T00:00:00Z'), new Date('2026-11-30T01:00:00Z'))).toBe('day');
  });

  it('names day ranges by their UTC days and hour ranges in the reader’s zone', () => {
    expect(describeRange(presetRange('7d', NOW), 'Asia/Tokyo', 'en-US')).toBe('Nov 24, 2026 – Nov 30, 2026 (UTC days)');
    expect(describeRange(presetRange('24h', NOW), 'Asia/Tokyo', 'en-US')).toBe('Nov 30, 12:00 AM – Dec 1, 12:00 AM');
  });
});
