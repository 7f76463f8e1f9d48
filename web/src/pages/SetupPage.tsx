import { useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { ApiError, errorMessage, unwrap } from '../api/problem';
import { session } from '../api/session';
import { useApi } from '../app/context';
import { Button, TextField } from '../ui/kit';
import { AuthFrame } from './authForms';

interface Form {
  setupToken: string;
  displayName: string;
  email: string;
  password: string;
}

/** First start: the owner account, created with the one-time setup token the runner or the deployer printed. */
export function SetupPage() {
  const api = useApi();
  const navigate = useNavigate();
  const { register, handleSubmit, formState, setError } = useForm<Form>();

  const submit = handleSubmit(async (form) => {
    try {
      await unwrap(api.POST('/api/setup', { body: form }));
      session.store(await unwrap(api.POST('/api/auth/login', { body: { email: form.email, password: form.password } })));
      navigate('/bots', { replace: true });
    } catch (e) {
      const fields = e instanceof ApiError ? Object.entries(e.fieldErrors()) : [];
      if (e instanceof ApiError && e.code === 'SETUP_TOKEN_INVALID') {
        setError('setupToken', { message: 'This setup token is not valid.' });
      } else if (fields.length) {
        for (const [field, message] of fields) setError(field as keyof Form, { message });
      } else {
        const done = e instanceof ApiError && e.code === 'SETUP_ALREADY_DONE';
        setError('root', { message: done ? 'Setup is already done: sign in instead.' : errorMessage(e) });
      }
    }
  });

  const errors = formState.errors;
  return (
    <AuthFrame title="Set up botfleet" subtitle="Create the owner account. You need the one-time setup token printed when the platform started.">
      <form onSubmit={submit} noValidate>
        <TextField label="Setup token" autoComplete="off" error={errors.setupToken?.message} {...register('setupToken', { required: 'Paste the setup token' })} />
        <TextField label="Your name" autoComplete="name" error={errors.displayName?.message} {...register('displayName', { required: 'Your name is required' })} />
        <TextField label="E-mail" type="email" autoComplete="username" error={errors.email?.message} {...register('email', { required: 'E-mail is required' })} />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="At least 12 characters."
          error={errors.password?.message}
          {...register('password', { required: 'Choose a password', minLength: { value: 12, message: 'At least 12 characters' } })}
        />
        {errors.root && (
          <div className="form-error" role="alert">
            {errors.root.message}
          </div>
        )}
        <Button type="submit" variant="primary" className="btn-block" busy={formState.isSubmitting}>
          Create owner account
        </Button>
      </form>
    </AuthFrame>
  );
}
