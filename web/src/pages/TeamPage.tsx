import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, errorMessage, unwrap } from '../api/problem';
import type { Permission, Role, User } from '../api/types';
import { useApi, useCan, useMe } from '../app/context';
import { Badge, Button, Card, EmptyState, ErrorState, formatDate, PageHeader, SelectField, Spinner, TextField, Table } from '../ui/kit';

const GRANTABLE: Record<Role, Role[]> = { owner: ['admin', 'editor', 'analyst'], admin: ['editor', 'analyst'], editor: [], analyst: [] };
const KEY_SCOPES: Permission[] = ['bots_read', 'bots_manage', 'subscribers_read', 'subscribers_manage', 'campaigns_read', 'campaigns_send', 'analytics_read', 'audit_read', 'operations'];
const ids = (v: string) => v.split(/[\s,]+/).filter(Boolean);

export function TeamPage() {
  const can = useCan();
  return (
    <>
      <PageHeader title="Team & API keys" subtitle="Who can do what. Roles: owner, admin, editor (sends), analyst (reads)." />
      {can('users_manage') && (
        <>
          <Members />
          <Invites />
        </>
      )}
      {can('api_keys_manage') && <ApiKeys />}
      {!can('users_manage') && !can('api_keys_manage') && <EmptyState title="Only admins manage the team" />}
    </>
  );
}

function Members() {
  const api = useApi();
  const me = useMe();
  const users = useQuery({ queryKey: ['users'], queryFn: () => unwrap(api.GET('/api/users')) });
  return (
    <Card title="Members">
      {users.isPending ? (
        <Spinner />
      ) : users.isError ? (
        <ErrorState error={users.error} onRetry={() => users.refetch()} />
      ) : (
        <Table head={['Name', 'Role', 'Bots', 'Status', 'Last sign-in']}>
          {users.data.users.map((u) => (
            <MemberRow key={u.userId} user={u} manageable={Boolean(me.data && me.data.user.userId !== u.userId && GRANTABLE[me.data.user.role].includes(u.role))} grantable={me.data ? GRANTABLE[me.data.user.role] : []} />
          ))}
        </Table>
      )}
    </Card>
  );
}

function MemberRow({ user, manageable, grantable }: { user: User; manageable: boolean; grantable: Role[] }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const update = useMutation({
    mutationFn: (body: { role?: Role; status?: User['status'] }) => unwrap(api.PATCH('/api/users/{userId}', { params: { path: { userId: user.userId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
  return (
    <tr>
      <td>
        <div className="row-title">{user.displayName}</div>
        <div className="muted">{user.email}</div>
      </td>
      <td>
        {manageable ? (
          <select aria-label={`Role of ${user.displayName}`} value={user.role} onChange={(e) => update.mutate({ role: e.target.value as Role })}>
            {grantable.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        ) : (
          <Badge tone="info">{user.role}</Badge>
        )}
        {update.isError && <div className="field-error">{errorMessage(update.error)}</div>}
      </td>
      <td>{user.botIds.length ? user.botIds.join(', ') : <span className="muted">all</span>}</td>
      <td>
        <Badge>{user.status}</Badge>{' '}
        {manageable && (
          <Button variant="ghost" className="btn-sm" busy={update.isPending} onClick={() => update.mutate({ status: user.status === 'active' ? 'disabled' : 'active' })}>
            {user.status === 'active' ? 'Disable' : 'Enable'}
          </Button>
        )}
      </td>
      <td>{formatDate(user.lastLoginAt)}</td>
    </tr>
  );
}

function Invites() {
  const api = useApi();
  const me = useMe();
  const queryClient = useQueryClient();
  const invites = useQuery({ queryKey: ['invites'], queryFn: () => unwrap(api.GET('/api/invites')) });
  const [form, setForm] = useState({ email: '', role: 'analyst' as Role, botIds: '' });
  const [link, setLink] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/invites', { body: { email: form.email.trim(), role: form.role, botIds: ids(form.botIds) } })),
    onSuccess: (created) => {
      setLink(created.inviteUrl);
      setForm({ ...form, email: '' });
      queryClient.invalidateQueries({ queryKey: ['invites'] });
    },
  });
  const withdraw = useMutation({
    mutationFn: (inviteId: string) => unwrap(api.DELETE('/api/invites/{inviteId}', { params: { path: { inviteId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['invites'] }),
  });
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  return (
    <Card title="Invitations">
      <form
        className="inline-form wrap"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <TextField label="E-mail" type="email" value={form.email} error={errors.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        <SelectField label="Role" value={form.role} error={errors.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
          {(me.data ? GRANTABLE[me.data.user.role] : []).map((r) => (
            <option key={r}>{r}</option>
          ))}
        </SelectField>
        <TextField label="Only these bots (ids, optional)" value={form.botIds} error={errors.botIds} onChange={(e) => setForm({ ...form, botIds: e.target.value })} />
        <Button type="submit" variant="primary" busy={create.isPending} disabled={!form.email.trim()}>
          Invite
        </Button>
      </form>
      {create.isError && !Object.keys(errors).length && <ErrorState error={create.error} />}
      {link && (
        <div className="notice notice-good" role="status">
          Send this link to the person you invited — it is shown only once and works for 7 days:
          <input className="copy" readOnly value={link} aria-label="Invitation link" onFocus={(e) => e.target.select()} />
        </div>
      )}
      {invites.data && invites.data.invites.length > 0 && (
        <Table head={['E-mail', 'Role', 'Expires', { label: <span className="sr-only">Actions</span> }]}>
          {invites.data.invites.map((i) => (
            <tr key={i.inviteId}>
              <td>{i.email}</td>
              <td>
                <Badge tone="info">{i.role}</Badge>
              </td>
              <td>{formatDate(i.expiresAt)}</td>
              <td className="num">
                <Button variant="ghost" className="btn-sm" onClick={() => withdraw.mutate(i.inviteId)}>
                  Withdraw
                </Button>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}

function ApiKeys() {
  const api = useApi();
  const me = useMe();
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => unwrap(api.GET('/api/api-keys')) });
  const [form, setForm] = useState({ name: '', scopes: ['bots_read', 'campaigns_read'] as Permission[], botIds: '', expiresInDays: '' });
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/api-keys', {
          body: { name: form.name.trim(), scopes: form.scopes, botIds: ids(form.botIds), ...(form.expiresInDays ? { expiresInDays: Number(form.expiresInDays) } : {}) },
        }),
      ),
    onSuccess: (created) => {
      setSecret(created.token);
      setForm({ ...form, name: '' });
      queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (prefix: string) => unwrap(api.DELETE('/api/api-keys/{prefix}', { params: { path: { prefix } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-keys'] }),
  });
  const mine = me.data?.permissions ?? [];
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  return (
    <Card title="API keys">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <div className="inline-form wrap">
          <TextField label="Key name" value={form.name} error={errors.name} onChange={(e) => setForm({ ...form, name: e.target.value })} placeholder="CRM sync" />
          <TextField label="Only these bots (ids, optional)" value={form.botIds} error={errors.botIds} onChange={(e) => setForm({ ...form, botIds: e.target.value })} />
          <TextField label="Expires in days (optional)" type="number" min={1} max={365} value={form.expiresInDays} error={errors.expiresInDays} onChange={(e) => setForm({ ...form, expiresInDays: e.target.value })} />
        </div>
        <fieldset className="scopes">
          <legend>Scopes</legend>
          {KEY_SCOPES.filter((s) => mine.includes(s)).map((s) => (
            <label key={s} className="check">
              <input
                type="checkbox"
                checked={form.scopes.includes(s)}
                onChange={(e) => setForm({ ...form, scopes: e.target.checked ? [...form.scopes, s] : form.scopes.filter((x) => x !== s) })}
              />{' '}
              {s.replace('_', ' ')}
            </label>
          ))}
          {errors.scopes && <div className="field-error">{errors.scopes}</div>}
        </fieldset>
        <Button type="submit" variant="primary" busy={create.isPending} disabled={!form.name.trim() || form.scopes.length === 0}>
          Create key
        </Button>
      </form>
      {create.isError && !Object.keys(errors).length && <ErrorState error={create.error} />}
      {secret && (
        <div className="notice notice-good" role="status">
          Copy the key now — it is shown only once:
          <input className="copy" readOnly value={secret} aria-label="New API key" onFocus={(e) => e.target.select()} />
          <Button variant="ghost" className="btn-sm" onClick={() => setSecret(null)}>
            Done
          </Button>
        </div>
      )}
      {keys.data && keys.data.apiKeys.length > 0 && (
        <Table head={['Name', 'Prefix', 'Scopes', 'Last used', 'State']}>
          {keys.data.apiKeys.map((k) => (
            <tr key={k.prefix}>
              <td className="row-title">{k.name}</td>
              <td>
                <code>{k.prefix}</code>
              </td>
              <td>
                {k.scopes.map((s) => (
                  <span key={s} className="chip">
                    {s}
                  </span>
                ))}
              </td>
              <td>{formatDate(k.lastUsedAt)}</td>
              <td>
                {k.revokedAt ? (
                  <Badge tone="muted">revoked</Badge>
                ) : (
                  <Button variant="ghost" className="btn-sm" onClick={() => revoke.mutate(k.prefix)}>
                    Revoke
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
