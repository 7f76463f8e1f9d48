import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, errorMessage, unwrap } from '../api/problem';
import type { Bot } from '../api/types';
import { useApi, useCan } from '../app/context';
import { health, useBots, useLiveBots } from '../bots/queries';
import { Badge, Button, Card, EmptyState, ErrorState, formatDate, formatNumber, PageHeader, Spinner, TextField, Table } from '../ui/kit';

export function BotsPage() {
  const can = useCan();
  const bots = useBots();
  useLiveBots(bots.bots.map((b) => b.id));
  const [registering, setRegistering] = useState(false);

  return (
    <>
      <PageHeader
        title="Bots"
        subtitle="Health from the heartbeat, webhooks and who owns each bot."
        actions={
          can('bots_manage') && (
            <Button variant="primary" onClick={() => setRegistering((v) => !v)} aria-expanded={registering}>
              Register a bot
            </Button>
          )
        }
      />
      {registering && <RegisterBot onDone={() => setRegistering(false)} />}
      {bots.isPending ? (
        <Spinner label="Loading bots" />
      ) : bots.isError ? (
        <ErrorState error={bots.error} onRetry={() => bots.refetch()} />
      ) : bots.bots.length === 0 ? (
        <EmptyState title="No bots yet">
          {can('bots_manage') ? 'Register a bot with the token BotFather gave you.' : 'An admin has not registered a bot you can see.'}
        </EmptyState>
      ) : (
        <Card>
          <Table head={['Bot', 'Health', 'Webhook', 'Owner instance', { label: 'Active subscribers', className: 'num' }, { label: 'Total', className: 'num' }]}>
            {bots.bots.map((bot) => (
              <BotRow key={bot.id} bot={bot} />
            ))}
          </Table>
          {bots.hasNextPage && (
            <div className="table-foot">
              <Button onClick={() => bots.fetchNextPage()} busy={bots.isFetchingNextPage}>
                Load more
              </Button>
            </div>
          )}
        </Card>
      )}
    </>
  );
}

function BotRow({ bot }: { bot: Bot }) {
  return (
    <tr>
      <td>
        <Link to={`/bots/${bot.id}`} className="row-title">
          {bot.displayName}
        </Link>
        <div className="muted">@{bot.username}</div>
      </td>
      <td>
        <Badge>{health(bot)}</Badge>
      </td>
      <td>
        <Badge>{bot.webhookState}</Badge>
        {bot.webhook && bot.webhook.pendingUpdateCount > 0 && <div className="muted">{bot.webhook.pendingUpdateCount} pending</div>}
      </td>
      <td>
        {bot.owner ? (
          <>
            <code>{bot.owner.instanceId}</code>
            <div className="muted">lease until {formatDate(bot.owner.leaseUntil)}</div>
          </>
        ) : (
          <span className="muted">none</span>
        )}
      </td>
      <td className="num">{formatNumber(bot.subscribers.active)}</td>
      <td className="num">{formatNumber(bot.subscribers.total)}</td>
    </tr>
  );
}

function RegisterBot({ onDone }: { onDone: () => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [token, setToken] = useState('');
  const register = useMutation({
    mutationFn: () => unwrap(api.POST('/api/bots', { body: { token: token.trim() } })),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['bots'] });
      onDone();
    },
  });
  const error = register.error instanceof ApiError ? (register.error.fieldErrors().token ?? errorMessage(register.error)) : register.error && errorMessage(register.error);
  return (
    <Card title="Register a bot">
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          register.mutate();
        }}
      >
        <TextField
          label="Bot token"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          placeholder="123456789:AA…"
          hint="From BotFather. It is checked with Telegram, stored encrypted and never shown again."
          error={error || undefined}
        />
        <Button type="submit" variant="primary" busy={register.isPending} disabled={!token.trim()}>
          Register
        </Button>
      </form>
    </Card>
  );
}
