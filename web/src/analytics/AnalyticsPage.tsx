import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { downloadCsv } from '../api/download';
import { errorMessage, unwrap } from '../api/problem';
import { useApi, useCan } from '../app/context';
import { formatMoney } from '../ads/money';
import { BotPicker } from '../bots/BotPicker';
import { botLabel, useBots } from '../bots/queries';
import { Button, Card, EmptyState, ErrorState, formatNumber, PageHeader, Spinner, Table } from '../ui/kit';
import { customRange, describeRange, isoDay, PRESETS, rangeOf, userTimeZone, type Preset, type Range, type RangeChoice } from './range';
import { allZero, COLORS, csvFileName, ctr, deliveryBreakdown, formatPercent, mergeSeries, METRICS, peak, total, type Point, type Row, type SeriesKey } from './series';
import './analytics.css';

const SERIES_LABEL: Record<SeriesKey, string> = {
  joined: 'New subscribers',
  blocked: 'Blocked',
  net: 'Net change',
  active: 'Active users',
  received: 'Messages received',
  sent: 'Messages sent',
  failed: 'Not delivered',
};

/** A card of series over time: what it draws, how, and what it says when there is nothing to draw. */
interface ChartSpec {
  title: string;
  bars: SeriesKey[];
  lines?: SeriesKey[];
  stacked?: boolean;
  /** Active users are counted per UTC day whatever the range. */
  daily?: boolean;
  empty: string;
  label: string;
  testId: string;
}

const CHARTS: ChartSpec[] = [
  { title: 'Subscribers', bars: ['joined', 'blocked'], lines: ['net'], empty: 'No one joined or blocked the bot in this range.', label: 'New subscribers, blocks and net change', testId: 'chart-subscribers' },
  { title: 'Daily active users', bars: ['active'], daily: true, empty: 'Nobody wrote to the bot in this range.', label: 'Distinct chats that wrote, per UTC day', testId: 'chart-active' },
  { title: 'Messages', bars: ['received'], lines: ['sent'], empty: 'No messages in this range.', label: 'Messages received from users and sent by campaigns', testId: 'chart-messages' },
  { title: 'Campaign deliveries', bars: ['sent', 'failed'], stacked: true, empty: 'No campaign messages in this range.', label: 'Campaign messages delivered and not delivered', testId: 'chart-deliveries' },
];

function SeriesCard({ chart, rows, loading, csv }: {
  chart: ChartSpec;
  rows: (keys: SeriesKey[], granularity?: 'hour' | 'day') => Row<SeriesKey>[];
  loading: boolean;
  csv: (key: SeriesKey) => ReactNode;
}) {
  const keys = [...chart.bars, ...(chart.lines ?? [])];
  return (
    <Card className="analytics-card" title={chart.title} actions={<>{keys.map((k) => <span key={k}>{csv(k)}</span>)}</>}>
      <SeriesChart
        rows={rows(keys, chart.daily ? 'day' : undefined)}
        loading={loading}
        empty={chart.empty}
        label={chart.label}
        bars={chart.bars}
        lines={chart.lines}
        stacked={chart.stacked}
        testId={chart.testId}
      />
    </Card>
  );
}

/** /analytics: the first bot's analytics (the navigation's entry), or the way to register one. */
export function AnalyticsIndexPage() {
  const { bots, isPending, isError, error, refetch } = useBots();
  if (isPending) return <Spinner label="Loading your bots" />;
  if (isError) return <ErrorState error={error} onRetry={() => refetch()} />;
  if (bots.length === 0) {
    return (
      <EmptyState title="No bots yet">
        Register a bot on the <Link to="/bots">Bots</Link> page; its analytics appear here.
      </EmptyState>
    );
  }
  return <Navigate to={`/bots/${bots[0].id}/analytics`} replace />;
}

/** The range in the address (?range=7d, or ?from=&to= UTC days), so that a reload or a shared link keeps it. */
function useRangeChoice(): [RangeChoice, (c: RangeChoice) => void] {
  const [params, setParams] = useSearchParams();
  const from = params.get('from');
  const to = params.get('to');
  const preset = params.get('range');
  const choice: RangeChoice = from && to ? { custom: { from, to } } : { preset: PRESETS.some((p) => p.id === preset) ? (preset as Preset) : '7d' };
  const set = (c: RangeChoice) => setParams('preset' in c ? { range: c.preset } : { from: c.custom.from, to: c.custom.to }, { replace: true });
  return [choice, set];
}

/** A bot's analytics over a range: totals, then subscribers, activity, messages, deliveries, campaigns and ads. */
export function AnalyticsPage() {
  const api = useApi();
  const can = useCan();
  const navigate = useNavigate();
  const { botId } = useParams() as { botId: string };
  const [choice, setChoice] = useRangeChoice();
  // "now" moves only when the range is chosen again: ranges are whole buckets, refetched as they fill
  const choiceKey = JSON.stringify(choice);
  const now = useMemo(() => new Date(), [choiceKey]);
  const timeZone = userTimeZone();
  const { bots } = useBots();
  const bot = bots.find((b) => b.id === botId);
  const resolved = rangeOf(choice, now);
  const range: Range | null = 'error' in resolved ? null : resolved;

  const keys = Object.keys(METRICS) as SeriesKey[];
  const results = useQueries({
    queries: keys.map((key) => ({
      queryKey: ['stats', botId, METRICS[key], range?.from.toISOString(), range?.to.toISOString()],
      enabled: range !== null,
      queryFn: () =>
        unwrap(
          api.GET('/api/bots/{botId}/stats', {
            params: { path: { botId }, query: { metric: METRICS[key], from: range!.from.toISOString(), to: range!.to.toISOString() } },
          }),
        ),
      // the aggregator folds new events within a minute; the API keeps an answer 30 s
      refetchInterval: 30_000,
    })),
  });
  const series = Object.fromEntries(keys.map((k, i) => [k, results[i].data])) as Record<SeriesKey, { points: Point[]; granularity: 'hour' | 'day' } | undefined>;
  const points = (k: SeriesKey) => series[k]?.points;
  const loading = results.some((r) => r.isPending);
  const failed = results.find((r) => r.isError);

  const [csvError, setCsvError] = useState<string | null>(null);
  const csv = (key: SeriesKey) =>
    range && (
      <Button
        className="btn-sm"
        aria-label={`Download ${SERIES_LABEL[key]} as CSV`}
        onClick={() =>
          downloadCsv(api, `/api/bots/${botId}/stats.csv`, csvFileName(botId, METRICS[key], range), {
            metric: METRICS[key],
            from: range.from.toISOString(),
            to: range.to.toISOString(),
          }).then(
            () => setCsvError(null),
            (e) => setCsvError(errorMessage(e)),
          )
        }
      >
        ⤓ {SERIES_LABEL[key]}
      </Button>
    );

  const granularity = range?.granularity ?? 'day';
  const rows = (ks: SeriesKey[], g: 'hour' | 'day' = granularity) =>
    mergeSeries(Object.fromEntries(ks.map((k) => [k, points(k)])) as Record<SeriesKey, Point[] | undefined>, g, timeZone);

  return (
    <>
      <PageHeader
        title={bot ? `Analytics · ${botLabel(bot)}` : 'Analytics'}
        subtitle={
          range && (
            <>
              {describeRange(range, timeZone)} <span className="muted">· hours in {timeZone}; days are UTC days</span>
            </>
          )
        }
        actions={
          <Link className="btn btn-secondary" to={`/bots/${botId}`}>
            Bot
          </Link>
        }
      />
      <div className="analytics-toolbar">
        {bots.length > 1 && (
          <div className="analytics-bot">
            <BotPicker bots={bots} value={botId} onChange={(id) => navigate({ pathname: `/bots/${id}/analytics`, search: window.location.search })} />
          </div>
        )}
        <RangePicker choice={choice} onChange={setChoice} now={now} />
      </div>
      {'error' in resolved && <div className="field-error" role="alert">{resolved.error}</div>}
      {csvError && <div className="field-error" role="alert">{csvError}</div>}
      {failed && <ErrorState error={failed.error} onRetry={() => results.forEach((r) => r.isError && r.refetch())} />}

      <dl className="stats analytics-totals" data-testid="analytics-totals" aria-busy={loading || undefined}>
        <Total id="joined" label="New subscribers" value={loading ? null : total(points('joined'))} />
        <Total id="blocked" label="Blocked" value={loading ? null : total(points('blocked'))} tone="bad" />
        <Total id="net" label="Net change" value={loading ? null : total(points('net'))} tone={total(points('net')) < 0 ? 'bad' : 'good'} signed />
        <Total id="active" label="Peak daily active" value={loading ? null : peak(points('active'))} />
        <Total id="received" label="Messages received" value={loading ? null : total(points('received'))} />
        <Total id="sent" label="Messages sent" value={loading ? null : total(points('sent'))} />
        <Total id="failed" label="Not delivered" value={loading ? null : total(points('failed'))} tone="bad" />
      </dl>

      <SeriesCard chart={CHARTS[0]} rows={rows} loading={loading} csv={csv} />
      <div className="analytics-grid">
        {CHARTS.slice(1).map((chart) => (
          <SeriesCard key={chart.testId} chart={chart} rows={rows} loading={loading} csv={csv} />
        ))}
        {can('campaigns_read') && range && <CampaignsCard botId={botId} range={range} />}
      </div>
      {can('campaigns_read') && <AdsCard botId={botId} />}
    </>
  );
}

function Total({ id, label, value, tone, signed }: { id: string; label: string; value: number | null; tone?: 'good' | 'bad'; signed?: boolean }) {
  return (
    <div className={`stat ${tone && value ? `stat-${tone}` : ''}`} data-testid={`total-${id}`}>
      <dt>{label}</dt>
      <dd>{value === null ? <span className="skeleton skeleton-text" aria-label="Loading" /> : `${signed && value > 0 ? '+' : ''}${formatNumber(value)}`}</dd>
    </div>
  );
}

function RangePicker({ choice, onChange, now }: { choice: RangeChoice; onChange: (c: RangeChoice) => void; now: Date }) {
  const today = isoDay(now);
  const [from, setFrom] = useState('custom' in choice ? choice.custom.from : isoDay(new Date(now.getTime() - 13 * 86_400_000)));
  const [to, setTo] = useState('custom' in choice ? choice.custom.to : today);
  const check = customRange(from, to);
  return (
    <div className="range-picker">
      <div className="segmented" role="group" aria-label="Range">
        {PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            className={`segment ${'preset' in choice && choice.preset === p.id ? 'active' : ''}`}
            aria-pressed={'preset' in choice && choice.preset === p.id}
            onClick={() => onChange({ preset: p.id })}
          >
            {p.label}
          </button>
        ))}
      </div>
      <form
        className="custom-range"
        aria-label="Custom dates (UTC days)"
        onSubmit={(e) => {
          e.preventDefault();
          if (!('error' in check)) onChange({ custom: { from, to } });
        }}
      >
        <label>
          <span className="sr-only">From</span>
          <input type="date" value={from} max={to || today} onChange={(e) => setFrom(e.target.value)} aria-label="From (UTC day)" />
        </label>
        <span aria-hidden="true">–</span>
        <label>
          <span className="sr-only">To</span>
          <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} aria-label="To (UTC day)" />
        </label>
        <Button type="submit" className={`btn-sm ${'custom' in choice ? 'btn-custom-active' : ''}`} disabled={'error' in check} title={'error' in check ? check.error : undefined}>
          Apply
        </Button>
      </form>
    </div>
  );
}

interface ChartProps<K extends SeriesKey> {
  rows: Row<K>[];
  loading: boolean;
  empty: string;
  label: string;
  bars: K[];
  lines?: K[];
  stacked?: boolean;
  testId: string;
}

/** A chart of series over time with its loading, empty and data-table forms. */
function SeriesChart<K extends SeriesKey>({ rows, loading, empty, label, bars, lines = [], stacked, testId }: ChartProps<K>) {
  const keys = [...bars, ...lines];
  if (loading) return <div className="skeleton chart-skeleton" aria-label="Loading the chart" role="status" />;
  return (
    <div data-testid={testId}>
      <div className="chart-box">
        <div className="chart" role="img" aria-label={label}>
          <ResponsiveContainer width="100%" height={240}>
            <ComposedChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: -12 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e4e8f0" vertical={false} />
              <XAxis dataKey="tick" tick={{ fontSize: 12, fill: '#7a849b' }} tickLine={false} axisLine={{ stroke: '#d3d9e5' }} minTickGap={18} interval="preserveStartEnd" />
              <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: '#7a849b' }} tickLine={false} axisLine={false} width={48} tickFormatter={(v: number) => formatNumber(v)} />
              <Tooltip labelFormatter={(_, payload) => (payload?.[0]?.payload as { label?: string } | undefined)?.label ?? ''} formatter={(v) => formatNumber(Number(v))} />
              <Legend iconType="circle" wrapperStyle={{ fontSize: 13 }} />
              {bars.map((k) => (
                <Bar key={k} dataKey={k} name={SERIES_LABEL[k]} fill={COLORS[k]} stackId={stacked ? 'a' : undefined} radius={stacked ? 0 : [3, 3, 0, 0]} maxBarSize={28} isAnimationActive={false} />
              ))}
              {lines.map((k) => (
                <Line key={k} dataKey={k} name={SERIES_LABEL[k]} stroke={COLORS[k]} strokeWidth={2} dot={rows.length <= 31} type="monotone" isAnimationActive={false} />
              ))}
            </ComposedChart>
          </ResponsiveContainer>
        </div>
        {allZero(rows, keys) && <div className="chart-empty">{empty}</div>}
      </div>
      <details className="chart-data">
        <summary>Data table</summary>
        <Table head={['Bucket', ...keys.map((k) => ({ label: SERIES_LABEL[k], className: 'num' }))]}>
          {rows.map((r) => (
            <tr key={r.at}>
              <td className="nowrap">{r.label}</td>
              {keys.map((k) => (
                <td key={k} className="num">
                  {formatNumber(r[k])}
                </td>
              ))}
            </tr>
          ))}
        </Table>
      </details>
    </div>
  );
}

/** The bot's campaigns started in the range, each as delivered, blocked and otherwise not delivered. */
function CampaignsCard({ botId, range }: { botId: string; range: Range }) {
  const api = useApi();
  const campaigns = useQuery({
    queryKey: ['campaigns', botId, 'analytics'],
    queryFn: () => unwrap(api.GET('/api/bots/{botId}/campaigns', { params: { path: { botId }, query: { limit: 100 } } })),
    refetchInterval: 30_000,
  });
  const started = (campaigns.data?.items ?? [])
    .filter((c) => c.startedAt && Date.parse(c.startedAt) >= range.from.getTime() && Date.parse(c.startedAt) < range.to.getTime())
    .slice(0, 8);
  const progress = useQueries({
    queries: started.map((c) => ({
      queryKey: ['progress', c.id],
      queryFn: () => unwrap(api.GET('/api/campaigns/{campaignId}/progress', { params: { path: { campaignId: c.id } } })),
      refetchInterval: 30_000,
    })),
  });
  let body: ReactNode;
  if (campaigns.isPending || progress.some((p) => p.isPending)) body = <div className="skeleton chart-skeleton" role="status" aria-label="Loading campaigns" />;
  else if (campaigns.isError) body = <ErrorState error={campaigns.error} onRetry={() => campaigns.refetch()} />;
  else if (started.length === 0) body = <p className="chart-empty-inline">No campaign started in this range.</p>;
  else {
    const data = started.map((c, i) => ({ id: c.id, name: c.name || 'Untitled campaign', ...deliveryBreakdown(progress[i].data!) }));
    body = (
      <>
        <div className="chart" role="img" aria-label="Recipients of each campaign: delivered, blocked, not delivered">
          <ResponsiveContainer width="100%" height={Math.max(120, 44 * data.length + 50)}>
            <BarChart data={data} layout="vertical" margin={{ top: 0, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e4e8f0" horizontal={false} />
              <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12, fill: '#7a849b' }} />
              <YAxis type="category" dataKey="name" width={130} tick={{ fontSize: 12, fill: '#4a5570' }} tickFormatter={(s: string) => (s.length > 18 ? `${s.slice(0, 17)}…` : s)} />
              <Tooltip formatter={(v) => formatNumber(Number(v))} />
              <Legend iconType="circle" wrapperStyle={{ fontSize: 13 }} />
              <Bar dataKey="sent" name="Delivered" stackId="a" fill={COLORS.sent} maxBarSize={22} isAnimationActive={false} />
              <Bar dataKey="blocked" name="Blocked" stackId="a" fill={COLORS.blocked} maxBarSize={22} isAnimationActive={false} />
              <Bar dataKey="failed" name="Other failures" stackId="a" fill={COLORS.other} maxBarSize={22} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
        <details className="chart-data">
          <summary>Data table</summary>
          <LinkedTable
            head={['Campaign', 'Delivered', 'Blocked', 'Other failures', 'Queued']}
            rows={data.map((d) => ({ id: d.id, to: `/campaigns/${d.id}`, name: d.name, cells: [d.sent, d.blocked, d.failed, d.queued].map(formatNumber) }))}
          />
        </details>
      </>
    );
  }
  return <Card title="Campaigns started in this range">{body}</Card>;
}

/** The bot's ads, all time: CTR as a chart, with delivered, clicks and spend. */
function AdsCard({ botId }: { botId: string }) {
  const api = useApi();
  const orders = useQuery({
    queryKey: ['ads', 'analytics'],
    queryFn: () => unwrap(api.GET('/api/ads', { params: { query: { limit: 100 } } })),
    refetchInterval: 30_000,
  });
  const mine = (orders.data?.items ?? []).filter((o) => o.botId === botId);
  let body: ReactNode;
  if (orders.isPending) body = <div className="skeleton chart-skeleton" role="status" aria-label="Loading ads" />;
  else if (orders.isError) body = <ErrorState error={orders.error} onRetry={() => orders.refetch()} />;
  else if (mine.length === 0) body = <p className="chart-empty-inline">No ads were sold in this bot yet.</p>;
  else {
    const data = mine.map((o) => ({ ...o, name: o.campaignName || 'Untitled campaign', ctrPercent: ctr(o.uniqueClicks, o.delivered) * 100 }));
    body = (
      <div className="ads-layout">
        <div className="chart" role="img" aria-label="Click-through rate of each ad">
          <ResponsiveContainer width="100%" height={Math.max(120, 40 * data.length + 40)}>
            <BarChart data={data} layout="vertical" margin={{ top: 0, right: 24, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e4e8f0" horizontal={false} />
              <XAxis type="number" tick={{ fontSize: 12, fill: '#7a849b' }} tickFormatter={(v: number) => `${v}%`} />
              <YAxis type="category" dataKey="name" width={130} tick={{ fontSize: 12, fill: '#4a5570' }} tickFormatter={(s: string) => (s.length > 18 ? `${s.slice(0, 17)}…` : s)} />
              <Tooltip formatter={(v) => `${Number(v).toFixed(2)}%`} />
              <Bar dataKey="ctrPercent" name="CTR" fill={COLORS.active} maxBarSize={22} radius={[0, 3, 3, 0]} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
        <LinkedTable
          head={['Ad', 'Delivered', 'Unique clicks', 'CTR', 'Spend']}
          testId="analytics-ads"
          rows={data.map((o) => ({
            id: o.id,
            to: `/ads/${o.id}`,
            name: o.name,
            cells: [formatNumber(o.delivered), formatNumber(o.uniqueClicks), formatPercent(ctr(o.uniqueClicks, o.delivered)), formatMoney(o.spend, o.currency)],
          }))}
        />
      </div>
    );
  }
  return <Card title="Ads (all time)">{body}</Card>;
}

/** A table whose first column links to each row's page and whose other columns are figures. */
function LinkedTable({ head, rows, testId }: { head: string[]; rows: { id: string; to: string; name: string; cells: string[] }[]; testId?: string }) {
  return (
    <Table head={[head[0], ...head.slice(1).map((label) => ({ label, className: 'num' }))]} testId={testId}>
      {rows.map((r) => (
        <tr key={r.id}>
          <td>
            <Link to={r.to}>{r.name}</Link>
          </td>
          {r.cells.map((c, i) => (
            <td key={i} className="num">
              {c}
            </td>
          ))}
        </tr>
      ))}
    </Table>
  );
}
