import { useState } from 'react';
import { Button } from './kit';

/**
 * Server-side paging over an opaque cursor: the cursors of the pages seen so far, so "Previous" goes back without
 * the API supporting it. Lists of any size stay one page in memory.
 */
export function useCursorPager() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    cursor: cursors[cursors.length - 1],
    page: cursors.length,
    next: (cursor: string) => setCursors((c) => [...c, cursor]),
    previous: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
    reset: () => setCursors([null]),
  };
}

export function Pager({ pager, nextCursor, busy }: { pager: ReturnType<typeof useCursorPager>; nextCursor: string | null | undefined; busy?: boolean }) {
  return (
    <nav className="pager" aria-label="Pages">
      <Button variant="ghost" onClick={pager.previous} disabled={pager.page === 1 || busy}>
        ← Previous
      </Button>
      <span className="pager-page">Page {pager.page}</span>
      <Button variant="ghost" onClick={() => nextCursor && pager.next(nextCursor)} disabled={!nextCursor || busy}>
        Next →
      </Button>
    </nav>
  );
}
