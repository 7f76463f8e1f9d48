import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { unwrap } from '../api/problem';
import type { AudienceFilter } from '../api/types';
import { useApi } from '../app/context';
import { formatNumber, TextField } from '../ui/kit';

const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);
const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '');
const iso = (d: string) => (d ? new Date(`${d}T00:00:00Z`).toISOString() : null);

/** How many active subscribers the audience reaches now, as the API counts it; the last figure stays while a new one loads. */
function useAudienceCount(botId: string, audience: AudienceFilter) {
  const api = useApi();
  const query = {
    tags: audience.tags?.join(',') || undefined,
    languages: audience.languages?.join(',') || undefined,
    sources: audience.sources?.join(',') || undefined,
    joinedFrom: audience.joinedFrom ?? undefined,
    joinedTo: audience.joinedTo ?? undefined,
    activeSince: audience.activeSince ?? undefined,
  };
  return useQuery({
    queryKey: ['audience-count', botId, query],
    queryFn: () => unwrap(api.GET('/api/bots/{botId}/audience-count', { params: { path: { botId }, query } })),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
    retry: false,
  });
}

/** Who receives the campaign: the bot's active subscribers, narrowed by tags, languages, sources and dates. */
export function AudiencePicker({ botId, audience, onChange, errors }: { botId: string; audience: AudienceFilter; onChange: (a: AudienceFilter) => void; errors: Record<string, string> }) {
  const count = useAudienceCount(botId, audience);
  const err = (key: string) => errors[`audience.${key}`] ?? Object.entries(errors).find(([f]) => f.startsWith(`audience.${key}[`))?.[1];
  return (
    <fieldset className="audience">
      <legend>Audience</legend>
      <div className="recipients" aria-live="polite">
        <span className="recipients-count">{count.data ? `${count.data.exact ? '' : 'at least '}${formatNumber(count.data.recipients)}` : count.isError ? '—' : '…'}</span>
        <span>{count.isError ? 'check the filters below' : 'active subscribers will receive it now'}</span>
      </div>
      <div className="grid-2">
        <ListField label="Tags (any of, comma-separated)" values={audience.tags ?? []} error={err('tags')} onChange={(tags) => onChange({ ...audience, tags })} />
        <ListField label="Languages (e.g. en, de)" values={audience.languages ?? []} error={err('languages')} onChange={(languages) => onChange({ ...audience, languages })} />
        <ListField label="Sources (/start payloads)" values={audience.sources ?? []} error={err('sources')} onChange={(sources) => onChange({ ...audience, sources })} />
        <TextField label="Active since" type="date" value={day(audience.activeSince)} error={err('activeSince')} onChange={(e) => onChange({ ...audience, activeSince: iso(e.target.value) })} />
        <TextField label="Joined from" type="date" value={day(audience.joinedFrom)} error={err('joinedFrom')} onChange={(e) => onChange({ ...audience, joinedFrom: iso(e.target.value) })} />
        <TextField label="Joined until" type="date" value={day(audience.joinedTo)} error={err('joinedTo')} onChange={(e) => onChange({ ...audience, joinedTo: iso(e.target.value) })} />
      </div>
    </fieldset>
  );
}

/** Comma-separated values, kept as typed (a trailing comma stays) while the parent gets the list. */
function ListField({ label, values, error, onChange }: { label: string; values: string[]; error?: string; onChange: (values: string[]) => void }) {
  const [text, setText] = useState(values.join(', '));
  return (
    <TextField
      label={label}
      value={text}
      error={error}
      onChange={(e) => {
        setText(e.target.value);
        onChange(list(e.target.value));
      }}
    />
  );
}
