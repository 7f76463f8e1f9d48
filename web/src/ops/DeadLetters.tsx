import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, unwrap } from '../api/problem';
import { useApi, useCan } from '../app/context';
import { Button, Card, ErrorState, formatDate, formatNumber, Spinner, Table } from '../ui/kit';

type Target = { messageId?: string };

/** What a queue's dead letters are, in an operator's words. */
const QUEUE_TITLES: Record<string, string> = {
  send: 'Send batches',
  'paid-send': 'Paid send batches',
  events: 'Analytics events',
  'campaign-start': 'Campaign starts',
  backup: 'Exports and imports',
};

/** Every queue with a dead-letter queue: what waits in it, why each message failed, and the two ways out. */
export function DeadLetters() {
  const api = useApi();
  const counts = useQuery({ queryKey: ['dead-letters'], queryFn: () => unwrap(api.GET('/api/ops/dead-letters')), refetchInterval: 10_000 });
  if (counts.isPending) return <Spinner />;
  if (counts.isError) return <ErrorState error={counts.error} onRetry={() => counts.refetch()} />;
  return (
    <>
      {counts.data.waiting === 0 && <p className="muted pad">Nothing waits: every message went through.</p>}
      {counts.data.queues.map((q) => (
        <QueueDeadLetters key={q.queue} queue={q.queue} waiting={q.waiting} />
      ))}
    </>
  );
}

function QueueDeadLetters({ queue, waiting }: { queue: string; waiting: number }) {
  const api = useApi();
  const can = useCan();
  const queryClient = useQueryClient();
  const items = useQuery({
    queryKey: ['dead-letters', queue],
    queryFn: () => unwrap(api.GET('/api/ops/dead-letters/{queue}', { params: { path: { queue } } })),
    enabled: waiting > 0,
    refetchInterval: 10_000,
  });
  const done = () => queryClient.invalidateQueries({ queryKey: ['dead-letters'] });
  const redrive = useMutation({
    mutationFn: (t: Target) =>
      unwrap(api.POST('/api/ops/dead-letters/{queue}/redrive', { params: { path: { queue } }, body: t.messageId ? t : undefined })),
    onSuccess: done,
  });
  const discard = useMutation({
    mutationFn: (t: Target) =>
      unwrap(api.POST('/api/ops/dead-letters/{queue}/discard', { params: { path: { queue } }, body: t.messageId ? t : undefined })),
    onSuccess: done,
  });
  const operator = can('operations');
  return (
    <Card
      title={
        <>
          {QUEUE_TITLES[queue] ?? queue} <span className="muted">({queue})</span>: {formatNumber(waiting)} waiting
        </>
      }
      actions={
        operator &&
        waiting > 0 && (
          <span className="row-confirm">
            <Button variant="primary" busy={redrive.isPending && !redrive.variables?.messageId} onClick={() => redrive.mutate({})}>
              Redrive all
            </Button>
            <ConfirmButton label="Discard all…" confirmLabel={`Discard all ${formatNumber(waiting)}`} busy={discard.isPending} onConfirm={() => discard.mutate({})} />
          </span>
        )
      }
    >
      {waiting > 0 &&
        (items.isPending ? (
          <Spinner />
        ) : items.isError ? (
          <ErrorState error={items.error} onRetry={() => items.refetch()} />
        ) : (
          <Table head={['Message', 'Failed', 'Deliveries', 'Reason', 'Body', ...(operator ? [''] : [])]} testId={`dead-letters-${queue}`}>
            {items.data.items.map((d) => (
              <tr key={d.messageId}>
                <td>
                  <code>{d.messageId}</code>
                </td>
                <td>{formatDate(d.failedAt ?? d.firstReceivedAt)}</td>
                <td>{d.receiveCount}</td>
                <td className={d.reasonRecorded ? undefined : 'muted'}>{d.reason}</td>
                <td className="muted">{d.summary}</td>
                {operator && (
                  <td>
                    <span className="row-confirm">
                      <Button className="btn-sm" busy={redrive.isPending && redrive.variables?.messageId === d.messageId}
                        onClick={() => redrive.mutate({ messageId: d.messageId })} aria-label={`Redrive ${d.messageId}`}>
                        Redrive
                      </Button>
                      <ConfirmButton label="Discard…" confirmLabel="Discard" small busy={discard.isPending && discard.variables?.messageId === d.messageId}
                        onConfirm={() => discard.mutate({ messageId: d.messageId })} aria={`Discard ${d.messageId}`} />
                    </span>
                  </td>
                )}
              </tr>
            ))}
          </Table>
        ))}
      {redrive.isSuccess && (
        <div className="notice notice-good" role="status">
          Sent {formatNumber(redrive.data.redriven)} back to the {queue} queue.
        </div>
      )}
      {discard.isSuccess && (
        <div className="notice notice-good" role="status">
          Discarded {formatNumber(discard.data.discarded)}.
        </div>
      )}
      {(redrive.isError || discard.isError) && <div className="field-error">{errorMessage(redrive.error ?? discard.error)}</div>}
    </Card>
  );
}

/** Discarding cannot be undone: the first click only asks. */
function ConfirmButton({ label, confirmLabel, busy, small, aria, onConfirm }: {
  label: string; confirmLabel: string; busy: boolean; small?: boolean; aria?: string; onConfirm: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const size = small ? 'btn-sm' : undefined;
  return confirming ? (
    <span className="row-confirm" role="group" aria-label="Confirm discarding">
      <Button variant="danger" className={size} busy={busy} onClick={() => { onConfirm(); setConfirming(false); }}>
        {confirmLabel}
      </Button>
      <Button variant="ghost" className={size} onClick={() => setConfirming(false)}>
        Keep
      </Button>
    </span>
  ) : (
    <Button variant="ghost" className={size} aria-label={aria} onClick={() => setConfirming(true)}>
      {label}
    </Button>
  );
}
