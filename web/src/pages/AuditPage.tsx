import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { downloadCsv } from '../api/download';
import { unwrap } from '../api/problem';
import { useApi, useCan } from '../app/context';
import { Badge, Button, Card, EmptyState, ErrorState, formatDate, PageHeader, SelectField, Spinner, TextField, Table } from '../ui/kit';
import { Pager, useCursorPager } from '../ui/pager';

const EMPTY = { actor: '', action: '', outcome: '', botId: '', from: '', to: '' };

export function AuditPage() {
  const api = useApi();
  const can = useCan();
  const pager = useCursorPager();
  const [draft, setDraft] = useState(EMPTY);
  const [filters, setFilters] = useState(EMPTY);
  const [exportError, setExportError] = useState<unknown>(null);
  const params = Object.fromEntries(
    Object.entries(filters)
      .filter(([, v]) => v)
      .map(([k, v]) => [k, k === 'from' || k === 'to' ? new Date(`${v}T${k === 'to' ? '23:59:59' : '00:00:00'}Z`).toISOString() : v.trim()]),
  );
  // who an id is, for the people on the team (API keys and anonymous callers stay ids)
  const users = useQuery({ queryKey: ['users'], queryFn: () => unwrap(api.GET('/api/users')), enabled: can('users_manage') });
  const names = new Map((users.data?.users ?? []).map((u) => [u.userId, u.displayName]));
  const page = useQuery({
    queryKey: ['audit', params, pager.cursor],
    queryFn: () => unwrap(api.GET('/api/audit', { params: { query: { limit: 50, cursor: pager.cursor ?? undefined, ...params } } })),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title="Audit log"
        subtitle="Every change anyone made, newest first (the last 90 days unless you pick dates)."
        actions={
          <Button onClick={() => downloadCsv(api, '/api/audit.csv', 'audit.csv', params).catch(setExportError)}>Export CSV</Button>
        }
      />
      <Card>
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            setFilters(draft);
            pager.reset();
          }}
        >
          <TextField label="Actor id" value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} />
          <TextField label="Action" placeholder="POST /api/bots" value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })} />
          <SelectField label="Outcome" value={draft.outcome} onChange={(e) => setDraft({ ...draft, outcome: e.target.value })}>
            <option value="">Any</option>
            <option>success</option>
            <option>denied</option>
            <option>failed</option>
          </SelectField>
          <TextField label="Bot id" value={draft.botId} onChange={(e) => setDraft({ ...draft, botId: e.target.value })} />
          <TextField label="From" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
          <TextField label="To" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
          <div className="filters-actions">
            <Button type="submit" variant="primary">
              Apply filters
            </Button>
          </div>
        </form>
        {exportError != null && <ErrorState error={exportError} />}
        {page.isPending ? (
          <Spinner label="Loading the audit log" />
        ) : page.isError ? (
          <ErrorState error={page.error} onRetry={() => page.refetch()} />
        ) : page.data.entries.length === 0 ? (
          <EmptyState title="Nothing recorded for these filters" />
        ) : (
          <>
            <Table head={['When', 'Who', 'Action', 'Target', 'Outcome', 'From']}>
              {page.data.entries.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">{formatDate(e.at)}</td>
                  <td>
                    <div>{names.get(e.actorId) ?? e.actorId}</div>
                    <div className="muted">
                      {e.actorType}
                      {e.actorRole ? ` · ${e.actorRole}` : ''}
                    </div>
                  </td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>{e.targetId ? `${e.targetType ?? ''} ${e.targetId}` : '—'}</td>
                  <td>
                    <Badge>{e.outcome}</Badge> <span className="muted">{e.status}</span>
                  </td>
                  <td className="muted">{e.ip}</td>
                </tr>
              ))}
            </Table>
            <Pager pager={pager} nextCursor={page.data.nextCursor} busy={page.isFetching} />
          </>
        )}
      </Card>
    </>
  );
}
