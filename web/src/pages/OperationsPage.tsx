import { DeadLetters } from '../ops/DeadLetters';
import { LogDownload } from '../ops/LogDownload';
import { RequestStats } from '../ops/RequestStats';
import { PageHeader } from '../ui/kit';

/** Operations: what the queues could not process, with why, and the way back. */
export function OperationsPage() {
  return (
    <>
      <PageHeader title="Dead letters" subtitle="Messages that failed every delivery their queue allows. The ledger keeps a redriven send batch from messaging anyone twice." />
      <DeadLetters />
      <LogDownload />
      <RequestStats />
    </>
  );
}
