import { useState } from 'react';
import { saveFile } from '../api/download';
import { ApiError } from '../api/problem';
import { useApi } from '../app/context';
import { Button, Card, ErrorState, SelectField, TextField } from '../ui/kit';

const FUNCTIONS = ['webhook', 'redirect', 'api', 'live', 'planner', 'sender', 'paid-sender', 'media', 'schedule-sweep', 'heartbeat', 'aggregator', 'backup'];
const RANGES: [string, number][] = [
  ['Last 15 minutes', 15],
  ['Last hour', 60],
  ['Last 6 hours', 360],
  ['Last 24 hours', 1440],
];

/** Downloads what the functions logged (CloudWatch Logs), optionally only a bot's or a campaign's lines. */
export function LogDownload() {
  const api = useApi();
  const [form, setForm] = useState({ function: '', bot: '', campaign: '', minutes: '60', format: 'text' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState('');

  async function download() {
    setBusy(true);
    setError(null);
    setNote('');
    try {
      const to = new Date();
      const from = new Date(to.getTime() - Number(form.minutes) * 60_000);
      const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), format: form.format });
      for (const key of ['function', 'bot', 'campaign'] as const) {
        if (form[key].trim()) query.set(key, form[key].trim());
      }
      const response = await api.fetchWithAuth(new Request(`${api.baseUrl}/api/ops/logs?${query}`));
      if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => ({})));
      const text = await response.text();
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'logs.log';
      saveFile(text, response.headers.get('content-type') ?? 'text/plain', name);
      const lines = text === '' ? 0 : text.split('\n').length - 1;
      setNote(`${lines} lines${response.headers.get('x-truncated') === 'true' ? ' (more matched: narrow the range or filters)' : ''}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="Logs">
      <form
        className="filters"
        data-testid="log-download"
        onSubmit={(e) => {
          e.preventDefault();
          void download();
        }}
      >
        <SelectField label="Function" value={form.function} onChange={(e) => setForm({ ...form, function: e.target.value })}>
          <option value="">All functions</option>
          {FUNCTIONS.map((f) => (
            <option key={f}>{f}</option>
          ))}
        </SelectField>
        <TextField label="Bot id" value={form.bot} onChange={(e) => setForm({ ...form, bot: e.target.value })} />
        <TextField label="Campaign id" value={form.campaign} onChange={(e) => setForm({ ...form, campaign: e.target.value })} />
        <SelectField label="Time range" value={form.minutes} onChange={(e) => setForm({ ...form, minutes: e.target.value })}>
          {RANGES.map(([label, minutes]) => (
            <option key={minutes} value={minutes}>
              {label}
            </option>
          ))}
        </SelectField>
        <SelectField label="Format" value={form.format} onChange={(e) => setForm({ ...form, format: e.target.value })}>
          <option value="text">Text</option>
          <option value="ndjson">NDJSON</option>
        </SelectField>
        <Button variant="primary" type="submit" busy={busy}>
          Download
        </Button>
      </form>
      {note && (
        <p className="muted pad" role="status">
          Downloaded {note}.
        </p>
      )}
      {error != null && <ErrorState error={error} />}
    </Card>
  );
}
