import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../api/problem';
import { useApi, useCan } from '../app/context';
import { LogDownload } from '../ops/LogDownload';
import { RequestStats } from '../ops/RequestStats';
import { Button, Card, ErrorState, formatNumber, PageHeader, Spinner } from '../ui/kit';

/** The send dead-letter queues: batches that kept failing, and the redrive that sends them again. */
export function OperationsPage() {
  const api = useApi();
  const can = useCan();
  const queryClient = useQueryClient();
  const dlq = useQuery({ queryKey: ['send-dlq'], queryFn: () => unwrap(api.GET('/api/ops/send-dlq')), refetchInterval: 10_000 });
  const redrive = useMutation({
    mutationFn: () => unwrap(api.POST('/api/ops/send-dlq/redrive')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['send-dlq'] }),
  });
  return (
    <>
      <PageHeader title="Dead letters" subtitle="Send batches that failed five times. The ledger keeps a redriven batch from messaging anyone twice." />
      <Card
        title="Send queues"
        actions={
          can('operations') && (
            <Button variant="primary" busy={redrive.isPending} disabled={!dlq.data?.messages} onClick={() => redrive.mutate()}>
              Redrive all
            </Button>
          )
        }
      >
        {dlq.isPending ? (
          <Spinner />
        ) : dlq.isError ? (
          <ErrorState error={dlq.error} onRetry={() => dlq.refetch()} />
        ) : (
          <>
            <div className="big-figure">
              <span>{formatNumber(dlq.data.messages)}</span> batches waiting
            </div>
            <dl className="stats">
              {Object.entries(dlq.data.byQueue ?? {}).map(([queue, n]) => (
                <div className="stat" key={queue}>
                  <dt>{queue} queue</dt>
                  <dd>{formatNumber(n)}</dd>
                </div>
              ))}
            </dl>
            {dlq.data.messages === 0 && <p className="muted pad">Nothing to redrive: every batch went through.</p>}
          </>
        )}
        {redrive.isSuccess && (
          <div className="notice notice-good" role="status">
            Moved {redrive.data.moved} batches back to their send queues.
          </div>
        )}
        {redrive.isError && <ErrorState error={redrive.error} />}
      </Card>
      <LogDownload />
      <RequestStats />
    </>
  );
}
