import type { CampaignProgress } from '../api/types';
import type { Granularity, Range } from './range';

/** A bucket of a stats series as the API sends it. */
export interface Point {
  at: string;
  value: number;
}

/** One row of a chart: a bucket, its labels, and one value per series. */
export type Row<K extends string> = { at: string; tick: string; label: string } & Record<K, number>;

/** The metrics the analytics page charts, by the API's names. */
export const METRICS = {
  joined: 'subscribers.joined',
  blocked: 'subscribers.blocked',
  net: 'subscribers.net',
  active: 'users.active',
  received: 'messages.received',
  sent: 'deliveries.sent',
  failed: 'deliveries.failed',
} as const;
export type SeriesKey = keyof typeof METRICS;

/** Chart colours: the app's palette (styles.css), one per meaning wherever it is drawn. */
export const COLORS: Record<SeriesKey | 'other', string> = {
  joined: '#2f6bff',
  blocked: '#c2313c',
  net: '#12805c',
  active: '#7b5cff',
  received: '#2f6bff',
  sent: '#12805c',
  failed: '#c2313c',
  other: '#a0620a',
};

/**
 * A bucket's labels: hours in the reader's time zone (the axis shows the time, or the date at midnight; the tooltip
 * both), days as the UTC days they count.
 */
export function bucketLabels(at: string, granularity: Granularity, timeZone: string, locale?: string): { tick: string; label: string } {
  const date = new Date(at);
  if (granularity === 'day') {
    const day = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(date);
    const full = new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(date);
    return { tick: day, label: `${full} (UTC)` };
  }
  const parts = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(date);
  const day = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone }).format(date);
  return { tick: parts === '00:00' ? day : parts, label: `${day}, ${parts}` };
}

/**
 * Series of the same buckets side by side, one row per bucket, for a chart with several lines or bars. A series not
 * (yet) loaded counts as zeros, so a chart draws what it has.
 */
export function mergeSeries<K extends string>(series: Record<K, Point[] | undefined>, granularity: Granularity, timeZone: string, locale?: string): Row<K>[] {
  const keys = Object.keys(series) as K[];
  const buckets = new Map<string, Row<K>>();
  for (const key of keys) {
    for (const point of series[key] ?? []) {
      let row = buckets.get(point.at);
      if (!row) {
        row = { at: point.at, ...bucketLabels(point.at, granularity, timeZone, locale) } as Row<K>;
        for (const k of keys) (row as Record<string, number>)[k] = 0;
        buckets.set(point.at, row);
      }
      (row as Record<string, number>)[key] = point.value;
    }
  }
  return [...buckets.values()].sort((a, b) => a.at.localeCompare(b.at));
}

export function total(points: Point[] | undefined): number {
  return (points ?? []).reduce((sum, p) => sum + p.value, 0);
}

/** The busiest bucket's value: what "active users" of several days can say (people active on two days are one). */
export function peak(points: Point[] | undefined): number {
  return (points ?? []).reduce((max, p) => Math.max(max, p.value), 0);
}

export function allZero<K extends string>(rows: Row<K>[], keys: K[]): boolean {
  return rows.every((row) => keys.every((k) => row[k] === 0));
}

/** A CSV export's file name: bot, metric and the range's first and last bucket (UTC), without characters files refuse. */
export function csvFileName(botId: string, metric: string, range: Range): string {
  const stamp = (d: Date) => (range.granularity === 'day' ? d.toISOString().slice(0, 10) : `${d.toISOString().slice(0, 13)}Z`);
  const lastBucket = new Date(range.to.getTime() - (range.granularity === 'day' ? 86_400_000 : 3_600_000));
  return `stats-${botId}-${metric}-${stamp(range.from)}_${stamp(lastBucket)}.csv`;
}

/** What became of a campaign's recipients, in the groups its chart shows: failed is every refusal but a block. */
export interface DeliveryCounts {
  sent: number;
  blocked: number;
  failed: number;
  queued: number;
}

type Progress = Pick<CampaignProgress, 'sent' | 'blocked' | 'deactivated' | 'notStarted' | 'kicked' | 'failed' | 'queued'>;

export function deliveryBreakdown(p: Progress): DeliveryCounts {
  return { sent: p.sent, blocked: p.blocked, failed: p.deactivated + p.notStarted + p.kicked + p.failed.chatNotFound + p.failed.other, queued: p.queued };
}

/** Click-through rate: unique clicks per delivered message (0 before anything was delivered). */
export function ctr(uniqueClicks: number, delivered: number): number {
  return delivered > 0 ? uniqueClicks / delivered : 0;
}

export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(2)}%`;
}
