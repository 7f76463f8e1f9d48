import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, errorMessage, unwrap, unwrapWithEtag } from '../api/problem';
import type { Bot, UpdateBotRequest } from '../api/types';
import { useApi, useCan } from '../app/context';
import { health, useLiveBots, useSubscriberCounts } from '../bots/queries';
import { SubscribersTable } from '../subscribers/SubscribersTable';
import { Badge, Button, Card, ErrorState, formatDate, formatNumber, PageHeader, SelectField, Spinner, TextArea, TextField, Table } from '../ui/kit';

const TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'subscribers', label: 'Subscribers' },
  { id: 'replies', label: 'Replies' },
  { id: 'parked', label: 'Parked updates' },
] as const;

export function BotDetailPage() {
  const api = useApi();
  const can = useCan();
  const { botId } = useParams() as { botId: string };
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'overview';
  useLiveBots([botId]);
  const bot = useQuery({
    queryKey: ['bot', botId],
    queryFn: () => unwrap(api.GET('/api/bots/{botId}', { params: { path: { botId } } })),
    refetchInterval: 15_000,
  });
  if (bot.isPending) return <Spinner label="Loading the bot" />;
  if (bot.isError) return <ErrorState error={bot.error} onRetry={() => bot.refetch()} />;
  const b = bot.data;

  return (
    <>
      <PageHeader
        title={b.displayName}
        subtitle={
          <>
            @{b.username} · <Badge>{health(b)}</Badge>
          </>
        }
        actions={
          <>
            {can('analytics_read') && (
              <Link className="btn btn-secondary" to={`/bots/${botId}/analytics`}>
                Analytics
              </Link>
            )}
            {can('campaigns_send') && (
              <Link className="btn btn-primary" to={`/bots/${botId}/campaigns/new`}>
                New campaign
              </Link>
            )}
          </>
        }
      />
      <div className="tabs" role="tablist" aria-label="Bot">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            className={`tab ${tab === t.id ? 'active' : ''}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setParams({ tab: t.id }, { replace: true })}
            onKeyDown={(e) => {
              // arrow keys move between tabs, as in every tab list
              const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (!step) return;
              const next = TABS[(TABS.findIndex((x) => x.id === tab) + step + TABS.length) % TABS.length];
              setParams({ tab: next.id }, { replace: true });
              document.getElementById(`tab-${next.id}`)?.focus();
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'overview' && <Overview bot={b} />}
        {tab === 'subscribers' && <SubscribersTable botId={botId} />}
        {tab === 'replies' && <Replies bot={b} />}
        {tab === 'parked' && <Parked botId={botId} />}
      </div>
    </>
  );
}

/** PATCH with the bot's ETag; the form's fields come from the version the ETag names. */
function usePatchBot(botId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: UpdateBotRequest) => {
      const { etag } = await unwrapWithEtag(api.GET('/api/bots/{botId}', { params: { path: { botId } } }));
      return unwrap(api.PATCH('/api/bots/{botId}', { params: { path: { botId }, header: { 'If-Match': etag } }, body }));
    },
    onSuccess: (bot) => {
      queryClient.setQueryData(['bot', botId], bot);
      queryClient.invalidateQueries({ queryKey: ['bots'] });
    },
  });
}

function Overview({ bot }: { bot: Bot }) {
  const can = useCan();
  const counts = useSubscriberCounts(bot.id);
  return (
    <div className="grid-2 align-start">
      <Card title="Health">
        <dl className="facts">
          <dt>Status</dt>
          <dd>
            <Badge>{bot.status}</Badge>
          </dd>
          <dt>Token</dt>
          <dd>{bot.tokenRequired ? <Badge>token required</Badge> : bot.tokenRevoked ? <Badge>token revoked</Badge> : <code>{bot.token}</code>}</dd>
          <dt>Webhook</dt>
          <dd>
            <Badge>{bot.webhookState}</Badge> {bot.webhook?.urlMismatch && <span className="muted">points elsewhere</span>}
          </dd>
          <dt>Pending updates</dt>
          <dd>{formatNumber(bot.webhook?.pendingUpdateCount)}</dd>
          <dt>Last webhook error</dt>
          <dd>{bot.webhook?.lastErrorMessage ? `${bot.webhook.lastErrorMessage} (${formatDate(bot.webhook.lastErrorDate)})` : 'none'}</dd>
          <dt>Checked</dt>
          <dd>{formatDate(bot.webhook?.checkedAt)}</dd>
          <dt>Owner instance</dt>
          <dd>{bot.owner ? `${bot.owner.instanceId} (epoch ${bot.owner.epoch}${bot.owner.expired ? ', lease expired' : ''})` : 'none'}</dd>
          <dt>Subscribers</dt>
          <dd>{counts.data ? `${formatNumber(counts.data.active)} active of ${formatNumber(counts.data.total)}` : '…'}</dd>
        </dl>
      </Card>
      <div>
        <Settings bot={bot} />
        {can('bots_manage') && <RemoveBot bot={bot} />}
      </div>
    </div>
  );
}

/** Removing a bot deletes its webhook and releases its lease; purging also deletes its subscribers. */
function RemoveBot({ bot }: { bot: Bot }) {
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [purge, setPurge] = useState(false);
  const remove = useMutation({
    mutationFn: () =>
      unwrap(api.DELETE('/api/bots/{botId}', { params: { path: { botId: bot.id }, query: { purge: purge ? 'true' : 'false' } } })),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['bots'] });
      navigate('/bots');
    },
  });
  return (
    <Card title="Remove this bot">
      <p className="muted">The platform stops receiving its updates and deletes its webhook. Telegram keeps the bot itself.</p>
      {confirming ? (
        <div className="confirm" role="group" aria-label="Confirm removal">
          <label className="check">
            <input type="checkbox" checked={purge} onChange={(e) => setPurge(e.target.checked)} /> Also delete its subscribers
          </label>
          <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate()}>
            Remove @{bot.username}
          </Button>
          <Button variant="ghost" onClick={() => setConfirming(false)}>
            Keep it
          </Button>
        </div>
      ) : (
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Remove bot…
        </Button>
      )}
      {remove.isError && <ErrorState error={remove.error} />}
    </Card>
  );
}

function Settings({ bot }: { bot: Bot }) {
  const can = useCan();
  const patch = usePatchBot(bot.id);
  const [form, setForm] = useState({
    displayName: bot.displayName,
    sendRatePerSec: bot.sendRatePerSec,
    paidBroadcast: bot.paidBroadcast,
    webhookPolicy: bot.webhookPolicy,
    status: bot.status,
  });
  const errors = patch.error instanceof ApiError ? patch.error.fieldErrors() : {};
  const readOnly = !can('bots_manage');
  return (
    <Card title="Settings" actions={readOnly && <span className="muted">Only admins change settings</span>}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          patch.mutate(form);
        }}
      >
        <fieldset disabled={readOnly} className="plain">
          <TextField label="Display name" value={form.displayName} error={errors.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
          <TextField
            label="Send rate (messages per second)"
            type="number"
            min={1}
            max={1000}
            value={form.sendRatePerSec}
            error={errors.sendRatePerSec}
            onChange={(e) => setForm({ ...form, sendRatePerSec: Number(e.target.value) })}
          />
          <SelectField label="Status" value={form.status} onChange={(e) => setForm({ ...form, status: e.target.value as Bot['status'] })}>
            <option value="active">active</option>
            <option value="paused">paused</option>
            <option value="disabled">disabled</option>
          </SelectField>
          <SelectField label="When the webhook is changed elsewhere" value={form.webhookPolicy} onChange={(e) => setForm({ ...form, webhookPolicy: e.target.value as Bot['webhookPolicy'] })}>
            <option value="restore">Restore it</option>
            <option value="leave">Leave it</option>
          </SelectField>
          <label className="check">
            <input type="checkbox" checked={form.paidBroadcast} onChange={(e) => setForm({ ...form, paidBroadcast: e.target.checked })} /> Paid broadcasts allowed
          </label>
          {!readOnly && (
            <SaveBar label="Save settings" busy={patch.isPending} saved={patch.isSuccess} />
          )}
          {patch.isError && !Object.keys(errors).length && <ErrorState error={patch.error} />}
        </fieldset>
      </form>
      {can('bots_manage') && <ReplaceToken botId={bot.id} />}
    </Card>
  );
}

function ReplaceToken({ botId }: { botId: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [token, setToken] = useState('');
  const replace = useMutation({
    mutationFn: () => unwrap(api.POST('/api/bots/{botId}/token', { params: { path: { botId } }, body: { token: token.trim() } })),
    onSuccess: (bot) => {
      setToken('');
      queryClient.setQueryData(['bot', botId], bot);
    },
  });
  return (
    <form
      className="inline-form separated"
      onSubmit={(e) => {
        e.preventDefault();
        replace.mutate();
      }}
    >
      <TextField label="Replace token" value={token} autoComplete="off" onChange={(e) => setToken(e.target.value)} error={replace.error ? errorMessage(replace.error) : undefined} hint="After a /revoke in BotFather." />
      <Button type="submit" disabled={!token.trim()} busy={replace.isPending}>
        Replace
      </Button>
    </form>
  );
}

function Replies({ bot }: { bot: Bot }) {
  const can = useCan();
  const patch = usePatchBot(bot.id);
  const [replies, setReplies] = useState(bot.replies);
  const errors = patch.error instanceof ApiError ? patch.error.fieldErrors() : {};
  return (
    <Card title="Automatic replies">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          patch.mutate({ replies });
        }}
      >
        <fieldset disabled={!can('bots_manage')} className="plain">
          <TextArea label="Reply to /start" rows={4} value={replies.start} error={errors['replies.start']} onChange={(e) => setReplies({ ...replies, start: e.target.value })} />
          <TextArea label="Reply to /stop" rows={4} value={replies.stop} error={errors['replies.stop']} onChange={(e) => setReplies({ ...replies, stop: e.target.value })} />
          {can('bots_manage') && (
            <SaveBar label="Save replies" busy={patch.isPending} saved={patch.isSuccess} />
          )}
        </fieldset>
      </form>
    </Card>
  );
}

function Parked({ botId }: { botId: string }) {
  const api = useApi();
  const parked = useQuery({
    queryKey: ['parked', botId],
    queryFn: () => unwrap(api.GET('/api/bots/{botId}/parked-updates', { params: { path: { botId }, query: { limit: 50 } } })),
  });
  if (parked.isPending) return <Spinner label="Loading parked updates" />;
  if (parked.isError) return <ErrorState error={parked.error} onRetry={() => parked.refetch()} />;
  return (
    <Card title="Parked updates" actions={<span className="muted">Updates the webhook could not use, kept 14 days</span>}>
      {parked.data.items.length === 0 ? (
        <p className="muted pad">Nothing parked: every update was processed.</p>
      ) : (
        <Table head={['Parked', 'Update', 'Attempts', 'Reason', 'Raw']}>
          {parked.data.items.map((u, i) => (
            <tr key={i}>
              <td>{formatDate(u.parkedAt)}</td>
              <td>{u.updateId ?? '—'}</td>
              <td>{u.attempts}</td>
              <td>{u.reason}</td>
              <td>
                <code className="clip">{u.raw}</code>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}

function SaveBar({ label, busy, saved }: { label: string; busy: boolean; saved: boolean }) {
  return (
    <div className="form-actions">
      <Button type="submit" variant="primary" busy={busy}>
        {label}
      </Button>
      {saved && (
        <span className="ok" role="status">
          Saved.
        </span>
      )}
    </div>
  );
}
