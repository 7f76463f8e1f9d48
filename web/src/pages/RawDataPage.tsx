import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { unwrap } from '../api/problem';
import { useApi } from '../app/context';
import { Card, EmptyState, ErrorState, PageHeader, SelectField, Spinner, Table } from '../ui/kit';
import { Pager, useCursorPager } from '../ui/pager';

type Item = Record<string, unknown>;

/** Every attribute any item of the page has, keys first, so a page reads as one table. */
export function columns(items: Item[]): string[] {
  const keys = ['pk', 'sk', 'botId', 'chatId'];
  const seen = new Set<string>();
  items.forEach((item) => Object.keys(item).forEach((k) => seen.add(k)));
  return [...keys.filter((k) => seen.has(k)), ...[...seen].filter((k) => !keys.includes(k)).sort()];
}

/** An attribute as stored: text as is, anything else as compact JSON. */
export function cell(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The owner's read-only view of every table as stored, a page at a time; the API redacts every secret. */
export function RawDataPage() {
  const api = useApi();
  const pager = useCursorPager();
  const tables = useQuery({ queryKey: ['raw-tables'], queryFn: () => unwrap(api.GET('/api/data/tables')) });
  const [table, setTable] = useState<string | null>(null);
  const shown = table ?? tables.data?.tables[0] ?? null;
  const page = useQuery({
    queryKey: ['raw-table', shown, pager.cursor],
    queryFn: () =>
      unwrap(api.GET('/api/data/tables/{table}', { params: { path: { table: shown! }, query: { limit: 50, cursor: pager.cursor ?? undefined } } })),
    enabled: shown !== null,
    placeholderData: keepPreviousData,
  });
  const items = (page.data?.items ?? []) as Item[];
  const cols = columns(items);

  return (
    <>
      <PageHeader title="Raw data" subtitle="Every table as stored, read-only. Hashes, ciphertexts and tokens are redacted." />
      <Card>
        {tables.isError ? (
          <ErrorState error={tables.error} onRetry={() => tables.refetch()} />
        ) : (
          <div className="filters">
            <SelectField
              label="Table"
              value={shown ?? ''}
              onChange={(e) => {
                setTable(e.target.value);
                pager.reset();
              }}
            >
              {(tables.data?.tables ?? []).map((t) => (
                <option key={t}>{t}</option>
              ))}
            </SelectField>
          </div>
        )}
        {page.isPending ? (
          <Spinner label="Loading items" />
        ) : page.isError ? (
          <ErrorState error={page.error} onRetry={() => page.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title="No items on this page" />
        ) : (
          <>
            <div className="raw-table" data-testid="raw-table">
              <Table head={cols}>
                {items.map((item, i) => (
                  <tr key={i}>
                    {cols.map((c) => (
                      <td key={c} className="raw-cell">
                        {c in item && <code>{cell(item[c])}</code>}
                      </td>
                    ))}
                  </tr>
                ))}
              </Table>
            </div>
            <Pager pager={pager} nextCursor={page.data.nextCursor} busy={page.isFetching} />
          </>
        )}
      </Card>
    </>
  );
}
