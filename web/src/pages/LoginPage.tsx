import { useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, errorMessage, unwrap } from '../api/problem';
import { session } from '../api/session';
import { useApi } from '../app/context';
import { Button, ErrorState, Spinner, TextField } from '../ui/kit';
import { AuthFrame } from './authForms';

interface Form {
  email: string;
  password: string;
}

export function LoginPage() {
  const api = useApi();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/';
  const setup = useQuery({ queryKey: ['setup'], queryFn: () => unwrap(api.GET('/api/setup')) });
  const { register, handleSubmit, formState, setError } = useForm<Form>();

  if (setup.isPending) return <Spinner />;
  if (setup.isError) return <ErrorState error={setup.error} onRetry={() => setup.refetch()} />;
  if (setup.data.setupRequired) return <Navigate to="/setup" replace />;

  const submit = handleSubmit(async (form) => {
    try {
      session.store(await unwrap(api.POST('/api/auth/login', { body: form })));
      navigate(from, { replace: true });
    } catch (e) {
      const locked = e instanceof ApiError && e.code === 'LOGIN_LOCKED';
      setError('root', { message: locked ? 'Too many attempts. Wait a moment and try again.' : e instanceof ApiError && e.status === 401 ? 'Wrong e-mail or password.' : errorMessage(e) });
    }
  });

  return (
    <AuthFrame title="Sign in" subtitle="Welcome back.">
      <form onSubmit={submit} noValidate>
        <TextField label="E-mail" type="email" autoComplete="username" {...register('email', { required: true })} />
        <TextField label="Password" type="password" autoComplete="current-password" {...register('password', { required: true })} />
        {formState.errors.root && (
          <div className="form-error" role="alert">
            {formState.errors.root.message}
          </div>
        )}
        <Button type="submit" variant="primary" className="btn-block" busy={formState.isSubmitting}>
          Sign in
        </Button>
      </form>
    </AuthFrame>
  );
}
