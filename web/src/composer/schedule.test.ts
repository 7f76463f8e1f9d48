import { describe, expect, it } from 'vitest';
import { initialSchedule, toScheduleBody } from './schedule';

describe('the composer schedule', () => {
  it('sends now without a body', () => {
    expect(toScheduleBody({ ...initialSchedule(null), mode: 'now' })).toBeNull();
  });

  it('turns a date and time into a local at() time of the zone', () => {
    const s = { ...initialSchedule(null), mode: 'once' as const, date: '2026-12-24', time: '09:30', timeZone: 'Europe/Berlin' };
    expect(toScheduleBody(s)).toEqual({ at: '2026-12-24T09:30', timeZone: 'Europe/Berlin' });
  });

  it('ends a recurrence at the end of its end date', () => {
    const s = { ...initialSchedule(null), mode: 'recurring' as const, cron: ' 0 9 ? * MON * ', endDate: '2027-01-31', timeZone: 'UTC' };
    expect(toScheduleBody(s)).toEqual({ cron: '0 9 ? * MON *', timeZone: 'UTC', endDate: '2027-01-31T23:59' });
  });

  it('opens a scheduled campaign at its schedule', () => {
    expect(initialSchedule({ at: '2026-12-24T09:30:00', cron: null, timeZone: 'Asia/Tokyo', endDate: null }))
      .toMatchObject({ mode: 'once', date: '2026-12-24', time: '09:30:00', timeZone: 'Asia/Tokyo' });
    expect(initialSchedule({ at: null, cron: '0 9 * * ? *', timeZone: 'UTC', endDate: '2027-01-31T23:59:00Z' }))
      .toMatchObject({ mode: 'recurring', cron: '0 9 * * ? *', endDate: '2027-01-31' });
  });
});
