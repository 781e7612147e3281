import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation } from '@apollo/client/react';
import { SignUpDocument } from './operations.ts';
import { useAuthActions } from '../../session/SessionContext.tsx';
import { InputField } from '../../ui/Field.tsx';
import { FormAlert } from '../../ui/feedback.tsx';
import { useFormErrors } from '../../ui/useFormErrors.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';

export function SignUpPage() {
  usePageTitle('Create your account');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [signUp, { loading }] = useMutation(SignUpDocument, { context: { skipAuth: true } });
  const { signIn } = useAuthActions();
  const { errors, fail, clear, formRef } = useFormErrors(['email', 'password']);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    clear();
    try {
      const { data } = await signUp({ variables: { email: email.trim(), password } });
      if (data) await signIn(data.signUp);
    } catch (error) {
      fail(error);
    }
  }

  return (
    <>
      <h1 tabIndex={-1}>Create your account</h1>
      <p className="lead">Track what you are learning, set goals and earn badges.</p>
      <form ref={formRef} className="form card" onSubmit={onSubmit} noValidate>
        <FormAlert messages={errors.form} />
        <InputField label="Email" type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} error={errors.fields.email} />
        <InputField
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.fields.password}
          hint="Use a long passphrase you do not use anywhere else."
        />
        <button type="submit" className="button" disabled={loading}>
          {loading ? 'Creating account…' : 'Sign up'}
        </button>
      </form>
      <p className="aside">
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </>
  );
}
