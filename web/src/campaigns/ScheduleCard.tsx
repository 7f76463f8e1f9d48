import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { unwrap } from '../api/problem';
import type { Campaign } from '../api/types';
import { useApi, useCan } from '../app/context';
import { inZone } from '../composer/schedule';
import { Badge, Button, Card, ErrorState, formatDate, Table } from '../ui/kit';
import { Pager, useCursorPager } from '../ui/pager';

/** A scheduled campaign's schedule and next occurrences; for a series, its runs; for a run, its series. */
export function ScheduleCard({ campaign }: { campaign: Campaign }) {
  const api = useApi();
  const can = useCan();
  const queryClient = useQueryClient();
  const unschedule = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/campaigns/{campaignId}/schedule', { params: { path: { campaignId: campaign.id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['campaign', campaign.id] }),
  });
  if (campaign.seriesId) {
    return (
      <Card title="Run of a recurring campaign">
        <p>
          This run is the occurrence of {formatDate(campaign.occurrence)}. <Link to={`/campaigns/${campaign.seriesId}`}>See the series and its other runs</Link>.
        </p>
      </Card>
    );
  }
  const s = campaign.schedule;
  if (!s) return null;
  const waiting = campaign.status === 'scheduled';
  return (
    <>
      <Card
        title={s.recurring ? 'Recurring schedule' : 'Schedule'}
        actions={
          waiting &&
          can('campaigns_send') && (
            <Button onClick={() => unschedule.mutate()} busy={unschedule.isPending}>
              Unschedule
            </Button>
          )
        }
      >
        {unschedule.isError && <ErrorState error={unschedule.error} />}
        <p data-testid="schedule-summary">
          {s.recurring ? (
            <>
              <code>cron({s.cron})</code> in {s.timeZone}
              {s.endDate && <> until {inZone(s.endDate, s.timeZone)}</>}
            </>
          ) : (
            <>
              {s.at?.replace('T', ' ')} in {s.timeZone}
            </>
          )}
        </p>
        {waiting && campaign.nextOccurrences.length > 0 && (
          <>
            <strong>{s.recurring ? 'Next runs' : 'Sends'}</strong>
            <ol>
              {campaign.nextOccurrences.map((t) => (
                <li key={t}>{inZone(t, s.timeZone)}</li>
              ))}
            </ol>
          </>
        )}
      </Card>
      {s.recurring && <Runs seriesId={campaign.id} />}
    </>
  );
}

function Runs({ seriesId }: { seriesId: string }) {
  const api = useApi();
  const pager = useCursorPager();
  const runs = useQuery({
    queryKey: ['runs', seriesId, pager.cursor],
    queryFn: () => unwrap(api.GET('/api/campaigns/{campaignId}/runs', { params: { path: { campaignId: seriesId }, query: { limit: 25, cursor: pager.cursor ?? undefined } } })),
    placeholderData: keepPreviousData,
    refetchInterval: 5000,
  });
  if (runs.isError) return <ErrorState error={runs.error} onRetry={() => runs.refetch()} />;
  return (
    <Card title="Runs">
      {runs.data && runs.data.items.length === 0 ? (
        <p className="muted">No run yet: the first starts at the first occurrence.</p>
      ) : (
        <Table head={['Occurrence', 'Status', 'Started', 'Finished']} testId="runs" busy={runs.isFetching}>
          {(runs.data?.items ?? []).map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/campaigns/${r.id}`}>{formatDate(r.occurrence)}</Link>
              </td>
              <td>
                <Badge>{r.status}</Badge>
              </td>
              <td className="nowrap">{formatDate(r.startedAt)}</td>
              <td className="nowrap">{formatDate(r.finishedAt)}</td>
            </tr>
          ))}
        </Table>
      )}
      {runs.data && <Pager pager={pager} nextCursor={runs.data.nextCursor} busy={runs.isFetching} />}
    </Card>
  );
}
