import { useQuery } from '@tanstack/react-query';
import { Link, Navigate } from 'react-router';
import { unwrap } from '../api/problem';
import type { components } from '../api/schema';
import { useApi, useCan } from '../app/context';
import { Badge, Card, EmptyState, ErrorState, formatNumber, PageHeader } from '../ui/kit';
import { userTimeZone } from './range';
import './analytics.css';

type Today = components['schemas']['StatsToday'];
type Figures = Today['items'][number]['today'];

const FIGURES: { key: keyof Figures; label: string; tone?: 'good' | 'bad'; signed?: boolean }[] = [
  { key: 'joined', label: 'Joined' },
  { key: 'blocked', label: 'Blocked', tone: 'bad' },
  { key: 'net', label: 'Net', tone: 'good', signed: true },
  { key: 'activeUsers', label: 'Active users' },
  { key: 'messagesReceived', label: 'Messages in' },
  { key: 'deliveriesSent', label: 'Sent' },
  { key: 'deliveriesFailed', label: 'Not delivered', tone: 'bad' },
];

const shown = (value: number, signed?: boolean) => `${signed && value > 0 ? '+' : ''}${formatNumber(value)}`;

/** The landing page: today's figures of every bot the reader may see, each leading to its analytics. */
export function HomePage() {
  const api = useApi();
  const can = useCan();
  const today = useQuery({
    queryKey: ['stats-today'],
    queryFn: () => unwrap(api.GET('/api/stats/today', {})),
    enabled: can('analytics_read'),
    refetchInterval: 30_000,
  });
  if (!can('analytics_read')) return <Navigate to="/bots" replace />;
  const since = today.data && new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZone: userTimeZone() }).format(new Date(today.data.from));
  return (
    <>
      <PageHeader
        title="Today"
        subtitle={
          today.data && (
            <>
              {new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(today.data.from))}{' '}
              <span className="muted">
                · the UTC day, since {since} your time · updated every 30 s
              </span>
            </>
          )
        }
        actions={
          <Link className="btn btn-secondary" to="/bots">
            All bots
          </Link>
        }
      />
      {today.isPending && <TodaySkeleton />}
      {today.isError && <ErrorState error={today.error} onRetry={() => today.refetch()} />}
      {today.data && today.data.items.length === 0 && (
        <EmptyState title="No bots yet">
          Register a bot on the <Link to="/bots">Bots</Link> page; its figures of the day appear here.
        </EmptyState>
      )}
      {today.data && today.data.items.length > 0 && <TodayFigures data={today.data} />}
    </>
  );
}

function TodayFigures({ data }: { data: Today }) {
  const sum = (key: keyof Figures) => data.items.reduce((s, b) => s + b.today[key], 0);
  return (
    <>
      {data.items.length > 1 && (
        <dl className="stats fleet-totals" data-testid="today-fleet" aria-label="All bots today">
          {FIGURES.map((f) => (
            <div key={f.key} className={`stat ${f.tone && sum(f.key) ? `stat-${f.tone}` : ''}`}>
              <dt>{f.label}</dt>
              <dd>{shown(sum(f.key), f.signed)}</dd>
            </div>
          ))}
        </dl>
      )}
      <div className="today-grid">
        {data.items.map((b) => (
          <Card
            key={b.botId}
            className="today-card"
            title={<Link to={`/bots/${b.botId}/analytics`}>{b.displayName}</Link>}
            actions={b.status !== 'active' && <Badge>{b.status}</Badge>}
          >
            <div data-testid={`today-${b.botId}`}>
              <p className="today-sub">@{b.username}</p>
              <dl className="stats today-figures">
                {FIGURES.map((f) => (
                  <div key={f.key} className={`stat ${f.tone && b.today[f.key] ? `stat-${f.tone}` : ''}`} data-testid={`today-${b.botId}-${f.key}`}>
                    <dt>{f.label}</dt>
                    <dd>{shown(b.today[f.key], f.signed)}</dd>
                  </div>
                ))}
                <div className="stat" data-testid={`today-${b.botId}-subscribers`}>
                  <dt>Subscribers</dt>
                  <dd>{formatNumber(b.subscribers.active)}</dd>
                </div>
              </dl>
              <div className="today-foot">
                <span>
                  {formatNumber(b.subscribers.active)} active of {formatNumber(b.subscribers.total)} · {formatNumber(b.subscribers.blocked)} blocked
                </span>
                <Link to={`/bots/${b.botId}/analytics`}>Analytics →</Link>
              </div>
            </div>
          </Card>
        ))}
      </div>
    </>
  );
}

function TodaySkeleton() {
  return (
    <div className="today-grid" role="status" aria-label="Loading today's figures">
      {[0, 1].map((i) => (
        <div key={i} className="skeleton" style={{ height: 230 }} />
      ))}
    </div>
  );
}
