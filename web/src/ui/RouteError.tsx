import { Link, useRouteError } from 'react-router';
import { ErrorState } from './kit';

export function RouteError() {
  return (
    <main className="standalone">
      <ErrorState error={useRouteError()} />
      <Link to="/bots">Back to bots</Link>
    </main>
  );
}
