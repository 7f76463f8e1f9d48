import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { downloadCsv } from '../api/download';
import { errorMessage, unwrap } from '../api/problem';
import type { Campaign, CampaignProgress } from '../api/types';
import { useApi, useCan } from '../app/context';
import { progressFigures } from '../campaigns/progressFigures';
import { ScheduleCard } from '../campaigns/ScheduleCard';
import { useLiveResource } from '../live/useLive';
import { ChatPreview } from '../telegram/ChatPreview';
import { fromCampaign } from '../composer/draft';
import { Badge, Button, Card, ErrorState, formatDate, formatNumber, PageHeader, Spinner, Table } from '../ui/kit';
import { Pager, useCursorPager } from '../ui/pager';

const LIVE = new Set(['running', 'scheduled']);

export function CampaignReportPage() {
  const api = useApi();
  const { campaignId } = useParams() as { campaignId: string };
  const campaign = useQuery({
    queryKey: ['campaign', campaignId],
    queryFn: () => unwrap(api.GET('/api/campaigns/{campaignId}', { params: { path: { campaignId } } })),
  });
  if (campaign.isPending) return <Spinner label="Loading the campaign" />;
  if (campaign.isError) return <ErrorState error={campaign.error} onRetry={() => campaign.refetch()} />;
  return <Report campaign={campaign.data} />;
}

function Report({ campaign }: { campaign: Campaign }) {
  const api = useApi();
  const can = useCan();
  const queryClient = useQueryClient();
  const progress = useLiveResource<CampaignProgress>({
    topic: `campaign:${campaign.botId}:${campaign.id}`,
    queryKey: ['progress', campaign.id],
    queryFn: async () => {
      const p = await unwrap(api.GET('/api/campaigns/{campaignId}/progress', { params: { path: { campaignId: campaign.id } } }));
      if (p.status !== campaign.status) queryClient.invalidateQueries({ queryKey: ['campaign', campaign.id] });
      return p;
    },
    active: (p) => LIVE.has(p?.status ?? campaign.status),
  });
  const status = progress.data?.status ?? campaign.status;
  const act = useMutation({
    mutationFn: (action: 'start' | 'pause' | 'resume' | 'cancel') =>
      unwrap(api.POST(`/api/campaigns/{campaignId}/${action}`, { params: { path: { campaignId: campaign.id } } })),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['campaign', campaign.id] });
      queryClient.invalidateQueries({ queryKey: ['progress', campaign.id] });
    },
  });
  const draft = fromCampaign(campaign);
  const bot = useQuery({
    queryKey: ['bot', campaign.botId],
    queryFn: () => unwrap(api.GET('/api/bots/{botId}', { params: { path: { botId: campaign.botId } } })),
  });
  const sender = can('campaigns_send');

  return (
    <>
      <PageHeader
        title={campaign.name || 'Untitled campaign'}
        subtitle={
          <>
            <Badge>{status}</Badge> {campaign.statusReason && <span className="muted"> {campaign.statusReason}</span>}
            <span className="muted"> · created {formatDate(campaign.createdAt)}</span>
          </>
        }
        actions={
          sender && (
            <>
              {status === 'draft' && (
                <Link className="btn btn-secondary" to={`/campaigns/${campaign.id}/edit`}>
                  Edit draft
                </Link>
              )}
              {status === 'running' && <Button onClick={() => act.mutate('pause')} busy={act.isPending}>Pause</Button>}
              {status === 'paused' && <Button variant="primary" onClick={() => act.mutate('resume')} busy={act.isPending}>Resume</Button>}
              {['running', 'paused', 'scheduled'].includes(status) && (
                <Button variant="danger" onClick={() => act.mutate('cancel')} busy={act.isPending}>
                  Cancel
                </Button>
              )}
            </>
          )
        }
      />
      {act.isError && <ErrorState error={act.error} />}
      <div className="report">
        <div className="report-main">
          <ScheduleCard campaign={campaign} />
          {/* a campaign waiting for its schedule (or a series, which sends through its runs) has no delivery yet */}
          {status !== 'scheduled' && (
            <>
              {progress.data ? <ProgressCard progress={progress.data} /> : progress.isError ? <ErrorState error={progress.error} /> : <Spinner label="Loading progress" />}
              <Deliveries campaignId={campaign.id} running={LIVE.has(status)} />
            </>
          )}
        </div>
        <aside className="report-side">
          <Card title="Message">
            <ChatPreview html={draft.html} media={draft.media} keyboard={draft.keyboard} botName={bot.data?.displayName ?? 'Bot'} />
          </Card>
        </aside>
      </div>
    </>
  );
}

function ProgressCard({ progress: p }: { progress: CampaignProgress }) {
  const { failed, done, percent } = progressFigures(p);
  const eta = p.etaSeconds == null ? '—' : p.etaSeconds < 60 ? `${p.etaSeconds} s` : `${Math.round(p.etaSeconds / 60)} min`;
  return (
    <Card title="Delivery">
      <div className="progress-head">
        <span className="progress-percent" data-testid="progress-percent">
          {percent} %
        </span>
        <span className="muted">
          {formatNumber(done)} of {formatNumber(p.audienceSize)} recipients {p.planned ? '' : '(still planning the audience)'}
        </span>
      </div>
      <div className="progress" role="progressbar" aria-label="Delivery progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <dl className="stats">
        <Stat label="Sent" value={p.sent} tone="good" />
        <Stat label="Failed" value={failed} tone="bad" />
        <Stat label="Blocked" value={p.blocked} tone="warn" />
        <Stat label="Unknown" value={p.unknown} tone="warn" />
        <Stat label="Deactivated" value={p.deactivated} />
        <Stat label="Never started" value={p.notStarted} />
        <Stat label="Kicked" value={p.kicked} />
        <Stat label="Cancelled" value={p.cancelled} />
      </dl>
      <div className="progress-foot muted">
        {formatNumber(p.queued)} waiting · rate {p.ratePerSecond.toFixed(1)} msg/s · ETA {eta} · batches {p.batchesDone}/{p.batchesTotal}
      </div>
    </Card>
  );
}

function Stat({ label, value, tone }: { label: string; value: number; tone?: string }) {
  return (
    <div className={`stat ${tone ? `stat-${tone}` : ''}`}>
      <dt>{label}</dt>
      <dd data-testid={`stat-${label.toLowerCase().replace(/\s+/g, '-')}`}>{formatNumber(value)}</dd>
    </div>
  );
}

function Deliveries({ campaignId, running }: { campaignId: string; running: boolean }) {
  const api = useApi();
  const pager = useCursorPager();
  const [exporting, setExporting] = useState<string | null>(null);
  // a page is two send batches: up to 200 recipients
  const page = useQuery({
    queryKey: ['deliveries', campaignId, pager.cursor],
    queryFn: () => unwrap(api.GET('/api/campaigns/{campaignId}/deliveries', { params: { path: { campaignId }, query: { limit: 2, cursor: pager.cursor ?? undefined } } })),
    placeholderData: keepPreviousData,
    refetchInterval: running ? 3000 : false,
  });
  const { refetch } = page;
  // the last outcomes land as the campaign finishes: read them once more when it stops
  useEffect(() => {
    if (!running) refetch();
  }, [running, refetch]);
  const exportCsv = async () => {
    setExporting('');
    try {
      await downloadCsv(api, `/api/campaigns/${campaignId}/deliveries.csv`, `deliveries-${campaignId}.csv`);
      setExporting(null);
    } catch (e) {
      setExporting(errorMessage(e));
    }
  };
  return (
    <Card
      title="Recipients"
      actions={
        <Button onClick={exportCsv} busy={exporting === ''}>
          Download CSV
        </Button>
      }
    >
      {exporting && <ErrorState error={exporting} />}
      {page.isPending ? (
        <Spinner label="Loading recipients" />
      ) : page.isError ? (
        <ErrorState error={page.error} onRetry={() => page.refetch()} />
      ) : page.data.items.length === 0 ? (
        <p className="muted pad">No outcomes recorded yet.</p>
      ) : (
        <>
          <Table head={['Chat', 'Outcome', 'Message id', 'Batch', 'Reason']} testId="deliveries">
            {page.data.items.map((d) => (
              <tr key={`${d.batch}-${d.chatId}`}>
                <td>
                  <code>{d.chatId}</code>
                </td>
                <td>
                  <Badge>{d.outcome}</Badge>
                </td>
                <td>{d.messageId ?? '—'}</td>
                <td>{d.batch}</td>
                <td className="muted">{d.error ?? ''}</td>
              </tr>
            ))}
          </Table>
          <Pager pager={pager} nextCursor={page.data.nextCursor} busy={page.isFetching} />
        </>
      )}
    </Card>
  );
}
