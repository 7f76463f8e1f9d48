/**
 * The ranges the analytics page offers, as the instants the stats API is asked for. Counters are kept per UTC hour
 * and UTC day, so ranges are whole buckets: the last 24 hours end at the end of the current hour; day ranges end at
 * the end of the current UTC day; custom dates are UTC days, both included. Whole buckets also make the same range
 * the same request for a while, which the API's short cache answers.
 */
export type Preset = '24h' | '7d' | '30d' | '90d';
export type RangeChoice = { preset: Preset } | { custom: { from: string; to: string } };
export type Granularity = 'hour' | 'day';

export interface Range {
  from: Date;
  to: Date;
  /** How the API buckets this range's counted metrics (users.active is always daily). */
  granularity: Granularity;
}

export const PRESETS: { id: Preset; label: string }[] = [
  { id: '24h', label: '24 h' },
  { id: '7d', label: '7 d' },
  { id: '30d', label: '30 d' },
  { id: '90d', label: '90 d' },
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The API answers hourly buckets up to 72 hours. */
const HOURLY_UP_TO = 72 * HOUR;
/** The longest range the API gives active users for (92 days): every chart of the page shares one range. */
export const LONGEST_DAYS = 92;

const startOfUtcHour = (t: number) => Math.floor(t / HOUR) * HOUR;
const startOfUtcDay = (t: number) => Math.floor(t / DAY) * DAY;

export function granularityOf(from: Date, to: Date): Granularity {
  return to.getTime() - from.getTime() > HOURLY_UP_TO ? 'day' : 'hour';
}

function range(from: number, to: number): Range {
  return { from: new Date(from), to: new Date(to), granularity: granularityOf(new Date(from), new Date(to)) };
}

/** The range of a preset at {@code now}. */
export function presetRange(preset: Preset, now: Date): Range {
  if (preset === '24h') {
    const to = startOfUtcHour(now.getTime()) + HOUR;
    return range(to - 24 * HOUR, to);
  }
  const days = Number(preset.slice(0, -1));
  const to = startOfUtcDay(now.getTime()) + DAY;
  return range(to - days * DAY, to);
}

/** A custom range of UTC days (YYYY-MM-DD, both included), or why it cannot be one. */
export function customRange(from: string, to: string): Range | { error: string } {
  const parse = (s: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? Date.parse(`${s}T00:00:00Z`) : NaN);
  const start = parse(from);
  const end = parse(to);
  if (Number.isNaN(start) || Number.isNaN(end)) return { error: 'Pick both dates.' };
  if (end < start) return { error: 'The end date is before the start date.' };
  const days = (end - start) / DAY + 1;
  if (days > LONGEST_DAYS) return { error: `Pick at most ${LONGEST_DAYS} days.` };
  return range(start, end + DAY);
}

export function rangeOf(choice: RangeChoice, now: Date): Range | { error: string } {
  return 'preset' in choice ? presetRange(choice.preset, now) : customRange(choice.custom.from, choice.custom.to);
}

/** A UTC date as the date inputs hold it. */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The range in words, e.g. "Nov 24 – Nov 30 (UTC days)" or "Nov 30, 09:00 – Dec 1, 09:00". */
export function describeRange(r: Range, timeZone: string, locale?: string): string {
  if (r.granularity === 'day') {
    const day = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
    return `${day.format(r.from)} – ${day.format(new Date(r.to.getTime() - DAY))} (UTC days)`;
  }
  const at = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone });
  return `${at.format(r.from)} – ${at.format(r.to)}`;
}

/** The browser's time zone, e.g. Europe/Berlin. */
export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
