import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { createApi } from './api/client';
import { ApiError } from './api/problem';
import { session } from './api/session';
import { ServicesProvider } from './app/context';
import { router } from './app/routes';
import { loadConfig } from './config';
import { LiveClient } from './live/liveClient';
import './ui/styles.css';

const root = createRoot(document.getElementById('root')!);

async function start() {
  const config = await loadConfig();
  const api = createApi(config.apiBaseUrl);
  const live = new LiveClient(config.wsUrl, () => session.accessToken());
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        // a refused or missing resource will not appear by asking again
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      },
    },
  });
  session.onChange((signedIn) => {
    if (!signedIn) {
      queryClient.clear();
      live.close();
    }
  });
  root.render(
    <StrictMode>
      <ServicesProvider value={{ api, config, live }}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </ServicesProvider>
    </StrictMode>,
  );
}

start().catch((error: unknown) => {
  root.render(
    <main className="boot-error" role="alert">
      <h1>The dashboard could not start</h1>
      <p>{error instanceof Error ? error.message : String(error)}</p>
    </main>,
  );
});
