import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { ApiError, errorMessage, unwrap } from '../api/problem';
import { useApi } from '../app/context';
import { Button, TextField } from '../ui/kit';
import { AuthFrame } from './authForms';

interface Form {
  displayName: string;
  password: string;
}

/** The invite link carries its token in the URL fragment, which never reaches a server or a log. */
export function AcceptInvitePage() {
  const api = useApi();
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  const [done, setDone] = useState(false);
  const { register, handleSubmit, formState, setError } = useForm<Form>();

  const submit = handleSubmit(async (form) => {
    try {
      await unwrap(api.POST('/api/invites/accept', { body: { token, ...form } }));
      setDone(true);
    } catch (e) {
      const gone = e instanceof ApiError && e.code === 'INVITE_INVALID';
      setError('root', { message: gone ? 'This invitation was used, withdrawn or has expired. Ask for a new one.' : errorMessage(e) });
    }
  });

  if (done) {
    return (
      <AuthFrame title="You're in" subtitle="Your account is ready.">
        <Link className="btn btn-primary btn-block" to="/login">
          Sign in
        </Link>
      </AuthFrame>
    );
  }
  return (
    <AuthFrame title="Join your team" subtitle={token ? 'Choose your name and a password.' : 'This link has no invitation token.'}>
      <form onSubmit={submit} noValidate>
        <TextField label="Your name" autoComplete="name" error={formState.errors.displayName?.message} {...register('displayName', { required: 'Your name is required' })} />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="At least 12 characters."
          error={formState.errors.password?.message}
          {...register('password', { required: 'Choose a password', minLength: { value: 12, message: 'At least 12 characters' } })}
        />
        {formState.errors.root && (
          <div className="form-error" role="alert">
            {formState.errors.root.message}
          </div>
        )}
        <Button type="submit" variant="primary" className="btn-block" busy={formState.isSubmitting} disabled={!token}>
          Create my account
        </Button>
      </form>
    </AuthFrame>
  );
}
