import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { unwrap } from '../api/problem';
import { useApi, useCan } from '../app/context';
import { BotPicker } from '../bots/BotPicker';
import { useBots } from '../bots/queries';
import { Badge, Card, EmptyState, ErrorState, formatDate, PageHeader, Spinner, Table } from '../ui/kit';
import { Pager, useCursorPager } from '../ui/pager';

export function CampaignsPage() {
  const can = useCan();
  const bots = useBots();
  const [params, setParams] = useSearchParams();
  const botId = params.get('bot') ?? bots.bots[0]?.id ?? '';

  return (
    <>
      <PageHeader
        title="Campaigns"
        subtitle="Broadcasts per bot, newest first; scheduled and recurring ones show when they send next."
        actions={
          can('campaigns_send') &&
          botId && (
            <Link className="btn btn-primary" to={`/bots/${botId}/campaigns/new`}>
              New campaign
            </Link>
          )
        }
      />
      {bots.isPending ? (
        <Spinner label="Loading bots" />
      ) : bots.isError ? (
        <ErrorState error={bots.error} onRetry={() => bots.refetch()} />
      ) : bots.bots.length === 0 ? (
        <EmptyState title="No bots yet">Campaigns belong to a bot: register one first.</EmptyState>
      ) : (
        <>
          <div className="toolbar">
            <BotPicker bots={bots.bots} value={botId} onChange={(id) => setParams({ bot: id })} />
          </div>
          <CampaignTable key={botId} botId={botId} />
        </>
      )}
    </>
  );
}

function CampaignTable({ botId }: { botId: string }) {
  const api = useApi();
  const can = useCan();
  const pager = useCursorPager();
  const campaigns = useQuery({
    queryKey: ['campaigns', botId, pager.cursor],
    queryFn: () =>
      unwrap(api.GET('/api/bots/{botId}/campaigns', { params: { path: { botId }, query: { limit: 25, cursor: pager.cursor ?? undefined } } })),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((c) => c.status === 'running' || c.status === 'scheduled') ? 3000 : false),
  });
  if (campaigns.isPending) return <Spinner label="Loading campaigns" />;
  if (campaigns.isError) return <ErrorState error={campaigns.error} onRetry={() => campaigns.refetch()} />;
  if (campaigns.data.items.length === 0 && pager.page === 1) {
    return (
      <EmptyState title="No campaigns for this bot yet">
        {can('campaigns_send') ? (
          <Link to={`/bots/${botId}/campaigns/new`}>Compose the first one</Link>
        ) : (
          'Campaigns your team sends will show up here.'
        )}
      </EmptyState>
    );
  }
  return (
    <Card>
      <Table head={['Name', 'Status', 'Next', 'Created', 'Started', 'Finished']}>
        {campaigns.data.items.map((c) => (
          <tr key={c.id}>
            <td>
              <Link className="row-title" to={c.status === 'draft' && can('campaigns_send') ? `/campaigns/${c.id}/edit` : `/campaigns/${c.id}`}>
                {c.name || 'Untitled'}
              </Link>
              {c.paid && <span className="chip">paid</span>}
            </td>
            <td>
              <Badge>{c.status}</Badge>
              {c.statusReason && <div className="muted">{c.statusReason}</div>}
            </td>
            <td className="nowrap">
              {c.status === 'scheduled' && c.nextOccurrences[0] ? formatDate(c.nextOccurrences[0]) : '—'}
              {c.schedule?.recurring && <span className="chip">recurring</span>}
            </td>
            <td className="nowrap">{formatDate(c.createdAt)}</td>
            <td className="nowrap">{formatDate(c.startedAt)}</td>
            <td className="nowrap">{formatDate(c.finishedAt)}</td>
          </tr>
        ))}
      </Table>
      <Pager pager={pager} nextCursor={campaigns.data.nextCursor} busy={campaigns.isFetching} />
    </Card>
  );
}
