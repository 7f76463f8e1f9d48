import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiError, errorMessage, unwrap } from '../api/problem';
import { useApi } from '../app/context';
import { SelectField, TextField } from '../ui/kit';
import { inZone, PRESETS, type ScheduleMode, type ScheduleState, timeZones, toScheduleBody } from './schedule';

const MODES: { mode: ScheduleMode; label: string }[] = [
  { mode: 'now', label: 'Send now' },
  { mode: 'once', label: 'At a date and time' },
  { mode: 'recurring', label: 'Recurring' },
];

/** Send now or schedule: once at a local time, or recurring by an AWS cron expression, with the next occurrences. */
export function SchedulePanel({ botId, value, errors, onChange }: { botId: string; value: ScheduleState; errors: Record<string, string>; onChange: (s: ScheduleState) => void }) {
  const set = (patch: Partial<ScheduleState>) => onChange({ ...value, ...patch });
  const body = toScheduleBody(value);
  // wait for the typing to settle before asking the API
  const [asked, setAsked] = useState(body);
  const key = JSON.stringify(body);
  useEffect(() => {
    const t = setTimeout(() => setAsked(JSON.parse(key)), 300);
    return () => clearTimeout(t);
  }, [key]);
  const api = useApi();
  const complete = asked !== null && (value.mode === 'recurring' ? Boolean(value.cron.trim()) : Boolean(value.date && value.time));
  const preview = useQuery({
    queryKey: ['schedule-preview', botId, asked],
    enabled: complete,
    retry: false,
    queryFn: () => unwrap(api.POST('/api/bots/{botId}/schedule-preview', { params: { path: { botId } }, body: asked! })),
  });
  const previewErrors = preview.error instanceof ApiError ? preview.error.fieldErrors() : {};
  const error = (field: string) => errors[field] ?? previewErrors[field];

  return (
    <fieldset className="schedule" aria-label="When to send">
      <legend>When</legend>
      <div className="segmented" role="radiogroup" aria-label="Send now or schedule">
        {MODES.map((m) => (
          <label key={m.mode} className={`segment ${value.mode === m.mode ? 'segment-on' : ''}`}>
            <input type="radio" name="schedule-mode" value={m.mode} checked={value.mode === m.mode} onChange={() => set({ mode: m.mode })} /> {m.label}
          </label>
        ))}
      </div>
      {value.mode !== 'now' && (
        <>
          {value.mode === 'once' ? (
            <div className="grid-2">
              <TextField label="Date" type="date" value={value.date} error={error('at')} onChange={(e) => set({ date: e.target.value })} />
              <TextField label="Time" type="time" step={1} value={value.time} onChange={(e) => set({ time: e.target.value })} />
            </div>
          ) : (
            <>
              <SelectField label="Repeat" value={PRESETS.some((p) => p.cron === value.cron) ? value.cron : ''} onChange={(e) => e.target.value && set({ cron: e.target.value })}>
                <option value="">Custom cron expression</option>
                {PRESETS.map((p) => (
                  <option key={p.cron} value={p.cron}>
                    {p.label}
                  </option>
                ))}
              </SelectField>
              <TextField
                label="Cron expression"
                value={value.cron}
                error={error('cron')}
                hint="AWS cron: minutes hours day-of-month month day-of-week year; one day field is ?"
                onChange={(e) => set({ cron: e.target.value })}
              />
              <TextField label="End date (optional)" type="date" value={value.endDate} error={error('endDate')} onChange={(e) => set({ endDate: e.target.value })} />
            </>
          )}
          <SelectField label="Time zone" value={value.timeZone} error={error('timeZone')} onChange={(e) => set({ timeZone: e.target.value })}>
            {timeZones().map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </SelectField>
          <div className="next-occurrences" aria-live="polite">
            <strong>{value.mode === 'recurring' ? 'Next runs' : 'Sends'}</strong>
            {!complete ? (
              <p className="muted">Choose {value.mode === 'recurring' ? 'a recurrence' : 'a date and time'}.</p>
            ) : preview.isPending ? (
              <p className="muted">Working out the times…</p>
            ) : preview.isError ? (
              <p className="field-error">{Object.values(previewErrors)[0] ?? errorMessage(preview.error)}</p>
            ) : (
              <ol data-testid="next-occurrences">
                {preview.data.nextOccurrences.map((t) => (
                  <li key={t}>
                    {inZone(t, value.timeZone)} <span className="muted">({value.timeZone})</span>
                  </li>
                ))}
              </ol>
            )}
          </div>
        </>
      )}
    </fieldset>
  );
}
