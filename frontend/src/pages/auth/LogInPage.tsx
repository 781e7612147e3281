import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation } from '@apollo/client/react';
import { LogInDocument } from './operations.ts';
import { useAuthActions } from '../../session/SessionContext.tsx';
import { InputField } from '../../ui/Field.tsx';
import { FormAlert, Notice } from '../../ui/feedback.tsx';
import { useFormErrors } from '../../ui/useFormErrors.ts';
import { usePageNotice } from '../../ui/usePageNotice.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';

export function LogInPage() {
  usePageTitle('Log in');
  // Why the person is here ("You have been logged out.", set by the guard): until they try to log in.
  const { notice, dismiss } = usePageNotice();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [logIn, { loading }] = useMutation(LogInDocument, { context: { skipAuth: true } });
  const { signIn } = useAuthActions();
  const { errors, fail, clear, formRef } = useFormErrors(['email', 'password']);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    clear();
    dismiss();
    try {
      const { data } = await logIn({ variables: { email: email.trim(), password } });
      if (data) await signIn(data.logIn); // the guard then leaves this page
    } catch (error) {
      fail(error);
    }
  }

  return (
    <>
      <h1 tabIndex={-1}>Log in</h1>
      <Notice>{notice}</Notice>
      <form ref={formRef} className="form card" onSubmit={onSubmit} noValidate>
        <FormAlert messages={errors.form} />
        <InputField label="Email" type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} error={errors.fields.email} />
        <InputField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.fields.password}
        />
        <button type="submit" className="button" disabled={loading}>
          {loading ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      <p className="aside">
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
      <p className="aside">
        New to Tracklore? <Link to="/signup">Create an account</Link>
      </p>
    </>
  );
}
