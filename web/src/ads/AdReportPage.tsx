import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { downloadCsv } from '../api/download';
import { errorMessage, unwrap } from '../api/problem';
import type { AdReport } from '../api/types';
import { useApi } from '../app/context';
import { Badge, Button, Card, ErrorState, formatNumber, PageHeader, Spinner, Table } from '../ui/kit';
import { formatMoney, PRICING_LABEL } from './money';

/** What an advertiser paid for: delivery, clicks, CTR and spend, in total and by day, with charts and a CSV. */
export function AdReportPage() {
  const api = useApi();
  const { orderId } = useParams() as { orderId: string };
  const order = useQuery({
    queryKey: ['ad', orderId],
    queryFn: () => unwrap(api.GET('/api/ads/{orderId}', { params: { path: { orderId } } })),
    refetchInterval: (q) => (q.state.data?.campaignStatus === 'running' ? 3000 : false),
  });
  const report = useQuery({
    queryKey: ['ad-report', orderId],
    queryFn: () => unwrap(api.GET('/api/ads/{orderId}/report', { params: { path: { orderId } } })),
    refetchInterval: () => (order.data?.campaignStatus === 'running' ? 3000 : false),
  });
  const [csvError, setCsvError] = useState<string | null>(null);
  if (order.isPending || report.isPending) return <Spinner label="Loading the ad report" />;
  if (order.isError) return <ErrorState error={order.error} onRetry={() => order.refetch()} />;
  if (report.isError) return <ErrorState error={report.error} onRetry={() => report.refetch()} />;
  const o = order.data;
  const r = report.data;
  const money = (minor: number | null) => formatMoney(minor, r.currency);
  return (
    <>
      <PageHeader
        title={o.campaignName || 'Untitled campaign'}
        subtitle={
          <>
            {o.campaignStatus && <Badge>{o.campaignStatus}</Badge>} {o.statusReason && <span className="muted">{o.statusReason}</span>}
            <span className="muted">
              {' '}
              · {money(r.price)} {PRICING_LABEL[r.pricingModel]} · budget {r.budget === null ? 'none' : money(r.budget)}
            </span>
          </>
        }
        actions={
          <>
            <Link className="btn btn-secondary" to={`/campaigns/${o.campaignId}`}>
              Campaign
            </Link>
            <Button
              onClick={() =>
                downloadCsv(api, `/api/ads/${o.id}/report.csv`, `ad-report-${o.id}.csv`).then(
                  () => setCsvError(null),
                  (e) => setCsvError(errorMessage(e)),
                )
              }
            >
              Export CSV
            </Button>
          </>
        }
      />
      {csvError && <div className="field-error">{csvError}</div>}
      <dl className="stats" data-testid="ad-totals">
        <Stat label="Delivered" value={formatNumber(r.total.delivered)} />
        <Stat label="Blocked" value={formatNumber(r.total.blocked)} />
        <Stat label="Unique clicks" value={formatNumber(r.total.uniqueClicks)} />
        <Stat label="Total clicks" value={formatNumber(r.total.totalClicks)} />
        <Stat label="CTR" value={`${(r.total.ctr * 100).toFixed(2)}%`} />
        <Stat label="Spend" value={money(r.total.spend)} />
      </dl>
      <Card title="By day">
        {r.days.length === 0 ? <p className="muted">Nothing delivered yet.</p> : <DailyChart report={r} />}
        <Table head={['Day', 'Delivered', 'Blocked', 'Unique clicks', 'Total clicks', 'CTR', 'Spend']} testId="ad-days">
          {r.days.map((d) => (
            <tr key={d.day}>
              <td className="nowrap">{d.day}</td>
              <td className="num">{formatNumber(d.delivered)}</td>
              <td className="num">{formatNumber(d.blocked)}</td>
              <td className="num">{formatNumber(d.uniqueClicks)}</td>
              <td className="num">{formatNumber(d.totalClicks)}</td>
              <td className="num">{(d.ctr * 100).toFixed(2)}%</td>
              <td className="num">{money(d.spend)}</td>
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function DailyChart({ report }: { report: AdReport }) {
  const digits = new Intl.NumberFormat(undefined, { style: 'currency', currency: report.currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const data = report.days.map((d) => ({ ...d, spendMajor: d.spend / 10 ** digits }));
  return (
    <div className="chart" role="img" aria-label="Delivered messages, clicks and spend by day">
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e4e7ec" />
          <XAxis dataKey="day" />
          <YAxis yAxisId="count" allowDecimals={false} />
          <YAxis yAxisId="spend" orientation="right" />
          <Tooltip />
          <Legend />
          <Bar yAxisId="count" dataKey="delivered" name="Delivered" fill="#5b8def" isAnimationActive={false} />
          <Bar yAxisId="count" dataKey="uniqueClicks" name="Unique clicks" fill="#33b07a" isAnimationActive={false} />
          <Line yAxisId="spend" dataKey="spendMajor" name={`Spend (${report.currency})`} stroke="#e0803a" strokeWidth={2} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
