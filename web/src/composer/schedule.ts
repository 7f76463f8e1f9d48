/** The composer's "send now or schedule" choice, and the API body it becomes. */
export type ScheduleMode = 'now' | 'once' | 'recurring';

export interface ScheduleState {
  mode: ScheduleMode;
  date: string; // yyyy-mm-dd, in timeZone
  time: string; // hh:mm or hh:mm:ss
  timeZone: string;
  cron: string; // AWS cron: minutes hours day-of-month month day-of-week year
  endDate: string; // yyyy-mm-dd, optional
}

/** Common recurrences in AWS cron, offered next to the free field. */
export const PRESETS: { label: string; cron: string }[] = [
  { label: 'Every day at 09:00', cron: '0 9 * * ? *' },
  { label: 'Weekdays at 09:00', cron: '0 9 ? * MON-FRI *' },
  { label: 'Every Monday at 10:00', cron: '0 10 ? * MON *' },
  { label: 'First day of the month at 12:00', cron: '0 12 1 * ? *' },
];

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function timeZones(): string[] {
  const supported = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return supported.includes('UTC') ? supported : ['UTC', ...supported];
}

export function initialSchedule(existing?: { at: string | null; cron: string | null; timeZone: string; endDate: string | null } | null): ScheduleState {
  const zone = existing?.timeZone ?? browserTimeZone();
  if (existing?.at) {
    const [date, time] = existing.at.split('T');
    return { mode: 'once', date, time: time.slice(0, 8), timeZone: zone, cron: PRESETS[0].cron, endDate: '' };
  }
  if (existing?.cron) {
    const end = existing.endDate ? localDate(existing.endDate, zone) : '';
    return { mode: 'recurring', date: '', time: '', timeZone: zone, cron: existing.cron, endDate: end };
  }
  return { mode: 'now', date: '', time: '', timeZone: zone, cron: PRESETS[0].cron, endDate: '' };
}

/** The calendar date of an instant in a zone (yyyy-mm-dd). */
function localDate(iso: string, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/** The body of PUT …/schedule (and of the preview), or null for "send now". */
export function toScheduleBody(s: ScheduleState): { at?: string; cron?: string; timeZone: string; endDate?: string } | null {
  if (s.mode === 'now') return null;
  if (s.mode === 'once') return { at: `${s.date}T${s.time || '00:00'}`, timeZone: s.timeZone };
  // the end date is the end of that day in the zone
  return { cron: s.cron.trim(), timeZone: s.timeZone, ...(s.endDate ? { endDate: `${s.endDate}T23:59` } : {}) };
}

/** An instant as the zone's wall clock, to show the next occurrences where the schedule lives. */
export function inZone(iso: string, zone: string): string {
  return new Intl.DateTimeFormat(undefined, { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
