import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { unwrap } from '../api/problem';
import { useApi } from '../app/context';
import { Card, EmptyState, ErrorState, formatNumber, SelectField, Spinner, Table } from '../ui/kit';

type Window = '1h' | '24h';

const percent = (rate: number) => `${(rate * 100).toFixed(rate > 0 && rate < 0.01 ? 2 : 1)}%`;
const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;

/** Per-route request counts, error rates and latency percentiles of the admin API and the webhook. */
export function RequestStats() {
  const api = useApi();
  const [window, setWindow] = useState<Window>('1h');
  const stats = useQuery({
    queryKey: ['request-stats', window],
    queryFn: () => unwrap(api.GET('/api/ops/requests', { params: { query: { window } } })),
    refetchInterval: 30_000,
  });
  return (
    <Card
      title="Requests"
      actions={
        <SelectField label="Window" value={window} onChange={(e) => setWindow(e.target.value as Window)}>
          <option value="1h">Last hour</option>
          <option value="24h">Last 24 hours</option>
        </SelectField>
      }
    >
      {stats.isPending ? (
        <Spinner />
      ) : stats.isError ? (
        <ErrorState error={stats.error} onRetry={() => stats.refetch()} />
      ) : stats.data.routes.length === 0 ? (
        <EmptyState title="No requests in this window" />
      ) : (
        <>
          <Table
            testId="request-stats"
            head={['Route', { label: 'Requests', className: 'num' }, { label: 'Errors (5xx)', className: 'num' }, { label: '4xx', className: 'num' },
              { label: 'p50', className: 'num' }, { label: 'p95', className: 'num' }, { label: 'p99', className: 'num' }]}
          >
            {stats.data.routes.map((r) => (
              <tr key={r.route}>
                <td>
                  <code>{r.route}</code>
                </td>
                <td className="num">{formatNumber(r.count)}</td>
                <td className="num">{percent(r.errorRate)}</td>
                <td className="num">{percent(r.clientErrorRate)}</td>
                <td className="num">{ms(r.p50Ms)}</td>
                <td className="num">{ms(r.p95Ms)}</td>
                <td className="num">{ms(r.p99Ms)}</td>
              </tr>
            ))}
          </Table>
          <p className="muted pad">
            From {formatNumber(stats.data.recordsRead)} per-request metric records in the functions' logs
            {stats.data.truncated ? ' — more were in the window; these figures cover the first ones' : ''}.
          </p>
        </>
      )}
    </Card>
  );
}
