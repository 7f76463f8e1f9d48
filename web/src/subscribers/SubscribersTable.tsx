import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ColumnDef, flexRender, getCoreRowModel, type RowSelectionState, useReactTable } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { downloadCsv } from '../api/download';
import { errorMessage, unwrap } from '../api/problem';
import type { Subscriber } from '../api/types';
import { useApi, useCan } from '../app/context';
import { Badge, Button, Card, EmptyState, ErrorState, formatDate, formatNumber, SelectField, Spinner, TextField } from '../ui/kit';
import { Pager, useCursorPager } from '../ui/pager';

const STATUSES = ['active', 'blocked', 'left', 'kicked', 'deactivated', 'not_started'] as const;

interface Filters {
  status: string;
  language: string;
  tag: string;
  q: string;
  joinedFrom: string;
  joinedTo: string;
  lastActiveAfter: string;
}
const NO_FILTERS: Filters = { status: '', language: '', tag: '', q: '', joinedFrom: '', joinedTo: '', lastActiveAfter: '' };

/** Date inputs give days; the API takes instants. Empty filters are left out of the query. */
function query(filters: Filters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (!value) continue;
    out[key] = ['joinedFrom', 'joinedTo', 'lastActiveAfter'].includes(key) ? new Date(`${value}T00:00:00Z`).toISOString() : value.trim();
  }
  return out;
}

const columns: ColumnDef<Subscriber>[] = [
  {
    id: 'select',
    header: ({ table }) => (
      <input type="checkbox" aria-label="Select all on this page" checked={table.getIsAllRowsSelected()} onChange={table.getToggleAllRowsSelectedHandler()} />
    ),
    cell: ({ row }) => (
      <input type="checkbox" aria-label={`Select ${row.original.firstName ?? row.original.chatId}`} checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />
    ),
  },
  {
    header: 'Subscriber',
    cell: ({ row: { original: s } }) => (
      <>
        <div className="row-title">{s.firstName ?? '—'}</div>
        <div className="muted">{s.username ? `@${s.username}` : s.chatType}</div>
      </>
    ),
  },
  { header: 'Chat id', cell: ({ row }) => <code>{row.original.chatId}</code> },
  { header: 'Status', cell: ({ row }) => <Badge>{row.original.status}</Badge> },
  { header: 'Language', cell: ({ row }) => row.original.language ?? '—' },
  {
    header: 'Tags',
    cell: ({ row }) => (row.original.tags ?? []).map((t) => <span key={t} className="chip">{t}</span>),
  },
  { header: 'Source', cell: ({ row }) => row.original.source ?? '—' },
  { header: 'Joined', cell: ({ row }) => formatDate(row.original.joinedAt) },
  { header: 'Last seen', cell: ({ row }) => formatDate(row.original.lastSeenAt) },
];

/** Erasing is for a person's request to be forgotten: a later message from the chat subscribes it anew. */
function EraseButton({ botId, subscriber }: { botId: string; subscriber: Subscriber }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const erase = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/bots/{botId}/subscribers/{chatId}', { params: { path: { botId, chatId: subscriber.chatId } } })),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['subscribers', botId] });
      queryClient.invalidateQueries({ queryKey: ['subscriber-counts', botId] });
    },
  });
  const who = subscriber.firstName ?? subscriber.chatId;
  if (erase.isError) return <span className="field-error">{errorMessage(erase.error)}</span>;
  return confirming ? (
    <span className="row-confirm">
      <Button variant="danger" className="btn-sm" busy={erase.isPending} onClick={() => erase.mutate()}>
        Erase {who}
      </Button>
      <Button variant="ghost" className="btn-sm" onClick={() => setConfirming(false)}>
        Keep
      </Button>
    </span>
  ) : (
    <Button variant="ghost" className="btn-sm" aria-label={`Erase ${who}`} onClick={() => setConfirming(true)}>
      Erase…
    </Button>
  );
}

/** A bot's subscribers, one server page at a time (any number of them), filtered on the server. */
export function SubscribersTable({ botId }: { botId: string }) {
  const api = useApi();
  const can = useCan();
  const pager = useCursorPager();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [exportError, setExportError] = useState<unknown>(null);
  const [exporting, setExporting] = useState(false);
  const params = useMemo(() => query(filters), [filters]);

  const page = useQuery({
    queryKey: ['subscribers', botId, params, pager.cursor],
    queryFn: () => unwrap(api.GET('/api/bots/{botId}/subscribers', { params: { path: { botId }, query: { limit: 50, cursor: pager.cursor ?? undefined, ...params } } })),
    placeholderData: keepPreviousData,
  });
  const manage = can('subscribers_manage');
  const visibleColumns = useMemo<ColumnDef<Subscriber>[]>(
    () =>
      manage
        ? [...columns, { id: 'erase', header: () => <span className="sr-only">Erase</span>, cell: ({ row }) => <EraseButton botId={botId} subscriber={row.original} /> }]
        : columns.slice(1),
    [manage, botId],
  );
  const table = useReactTable({
    data: page.data?.items ?? [],
    columns: visibleColumns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (s) => s.chatId,
    state: { rowSelection: selection },
    onRowSelectionChange: setSelection,
    enableRowSelection: manage,
  });
  const counts = page.data?.counts;

  const apply = (next: Filters) => {
    setFilters(next);
    setSelection({});
    pager.reset();
  };
  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      await downloadCsv(api, `/api/bots/${botId}/subscribers.csv`, `subscribers-${botId}.csv`, params);
    } catch (e) {
      setExportError(e);
    }
    setExporting(false);
  };

  return (
    <Card
      title="Subscribers"
      actions={
        <Button onClick={exportCsv} busy={exporting}>
          Export CSV
        </Button>
      }
    >
      {counts && (
        <div className="count-chips" aria-label="Subscribers by status">
          {STATUSES.map((s) => (
            <button key={s} type="button" className={`count-chip ${filters.status === s ? 'active' : ''}`} aria-pressed={filters.status === s} onClick={() => apply({ ...filters, status: filters.status === s ? '' : s })}>
              <span>{s.replace('_', ' ')}</span> <strong>{formatNumber(counts[s])}</strong>
            </button>
          ))}
          <span className="muted">total {formatNumber(counts.total)}</span>
        </div>
      )}
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          apply(draft);
        }}
      >
        <TextField label="Name or username" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
        <SelectField label="Status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
          <option value="">Any</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </SelectField>
        <TextField label="Language" value={draft.language} onChange={(e) => setDraft({ ...draft, language: e.target.value })} />
        <TextField label="Tag" value={draft.tag} onChange={(e) => setDraft({ ...draft, tag: e.target.value })} />
        <TextField label="Joined from" type="date" value={draft.joinedFrom} onChange={(e) => setDraft({ ...draft, joinedFrom: e.target.value })} />
        <TextField label="Joined until" type="date" value={draft.joinedTo} onChange={(e) => setDraft({ ...draft, joinedTo: e.target.value })} />
        <TextField label="Active since" type="date" value={draft.lastActiveAfter} onChange={(e) => setDraft({ ...draft, lastActiveAfter: e.target.value })} />
        <div className="filters-actions">
          <Button type="submit" variant="primary">
            Apply filters
          </Button>
          <Button
            variant="ghost"
            onClick={() => {
              setDraft(NO_FILTERS);
              apply(NO_FILTERS);
            }}
          >
            Clear
          </Button>
        </div>
      </form>
      {exportError != null && <ErrorState error={exportError} />}
      {Object.keys(selection).length > 0 && <BulkTags botId={botId} chatIds={Object.keys(selection)} onDone={() => setSelection({})} />}
      {page.isPending ? (
        <Spinner label="Loading subscribers" />
      ) : page.isError ? (
        <ErrorState error={page.error} onRetry={() => page.refetch()} />
      ) : page.data.items.length === 0 ? (
        <EmptyState title="No subscribers match">People appear here when they send /start to the bot.</EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table" aria-busy={page.isFetching}>
              <thead>
                {table.getHeaderGroups().map((group) => (
                  <tr key={group.id}>
                    {group.headers.map((h) => (
                      <th key={h.id} scope="col">
                        {flexRender(h.column.columnDef.header, h.getContext())}
                      </th>
                    ))}
                  </tr>
                ))}
              </thead>
              <tbody>
                {table.getRowModel().rows.map((row) => (
                  <tr key={row.id} className={row.getIsSelected() ? 'selected' : ''}>
                    {row.getVisibleCells().map((cell) => (
                      <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager pager={pager} nextCursor={page.data.cursor} busy={page.isFetching} />
        </>
      )}
    </Card>
  );
}

function BulkTags({ botId, chatIds, onDone }: { botId: string; chatIds: string[]; onDone: () => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [tag, setTag] = useState('');
  const change = useMutation({
    mutationFn: (mode: 'add' | 'remove') =>
      unwrap(api.POST('/api/bots/{botId}/subscribers/tags', { params: { path: { botId } }, body: { chatIds, [mode]: [tag.trim()] } })),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['subscribers', botId] });
      setTag('');
      onDone();
    },
  });
  return (
    <div className="bulk" role="group" aria-label="Tag the selected subscribers">
      <strong>{chatIds.length} selected</strong>
      <TextField label="Tag" value={tag} onChange={(e) => setTag(e.target.value)} placeholder="vip" error={change.error ? errorMessage(change.error) : undefined} />
      <Button variant="primary" disabled={!tag.trim()} busy={change.isPending} onClick={() => change.mutate('add')}>
        Add tag
      </Button>
      <Button disabled={!tag.trim() || change.isPending} onClick={() => change.mutate('remove')}>
        Remove tag
      </Button>
    </div>
  );
}
