import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, unwrap } from '../api/problem';
import { session } from '../api/session';
import { useApi, useMe, useServices } from '../app/context';
import { Badge, Button, Card, ErrorState, PageHeader, TextField } from '../ui/kit';

export function SettingsPage() {
  const { config } = useServices();
  const me = useMe();
  const user = me.data?.user;
  return (
    <>
      <PageHeader title="Settings" subtitle="Your account and sessions." />
      <div className="grid-2 align-start">
        <Card title="Profile">
          {user && (
            <dl className="facts">
              <dt>Name</dt>
              <dd>{user.displayName}</dd>
              <dt>E-mail</dt>
              <dd>{user.email}</dd>
              <dt>Role</dt>
              <dd>
                <Badge tone="info">{user.role}</Badge>
              </dd>
              <dt>Bots</dt>
              <dd>{user.botIds.length ? user.botIds.join(', ') : 'all'}</dd>
              <dt>API</dt>
              <dd>
                <code>{config.apiBaseUrl}</code>
              </dd>
              <dt>Live updates</dt>
              <dd>{config.wsUrl ? 'WebSocket' : 'polling'}</dd>
            </dl>
          )}
        </Card>
        <div>
          <ChangePassword />
          <Sessions />
        </div>
      </div>
    </>
  );
}

function ChangePassword() {
  const api = useApi();
  const navigate = useNavigate();
  const [form, setForm] = useState({ currentPassword: '', newPassword: '' });
  const change = useMutation({
    mutationFn: () => unwrap(api.POST('/api/me/password', { body: form })),
    // a new password ends every session, this one too
    onSuccess: () => {
      session.clear();
      navigate('/login');
    },
  });
  const errors = change.error instanceof ApiError ? change.error.fieldErrors() : {};
  return (
    <Card title="Change password">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          change.mutate();
        }}
      >
        <TextField label="Current password" type="password" autoComplete="current-password" value={form.currentPassword} error={errors.currentPassword} onChange={(e) => setForm({ ...form, currentPassword: e.target.value })} />
        <TextField label="New password" type="password" autoComplete="new-password" hint="At least 12 characters. You will sign in again." value={form.newPassword} error={errors.newPassword} onChange={(e) => setForm({ ...form, newPassword: e.target.value })} />
        {change.isError && !Object.keys(errors).length && <ErrorState error={change.error} />}
        <Button type="submit" variant="primary" busy={change.isPending}>
          Change password
        </Button>
      </form>
    </Card>
  );
}

function Sessions() {
  const api = useApi();
  const navigate = useNavigate();
  const logout = useMutation({
    mutationFn: () => unwrap(api.POST('/api/auth/logout', { body: { allSessions: true } })),
    onSuccess: () => {
      session.clear();
      navigate('/login');
    },
  });
  return (
    <Card title="Sessions">
      <p className="muted">Signed in on another device you no longer use? End every session, this one included.</p>
      <Button variant="danger" busy={logout.isPending} onClick={() => logout.mutate()}>
        Sign out everywhere
      </Button>
    </Card>
  );
}
