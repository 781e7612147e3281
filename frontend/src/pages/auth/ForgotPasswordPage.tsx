import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation } from '@apollo/client/react';
import { RequestPasswordResetDocument } from './operations.ts';
import { InputField } from '../../ui/Field.tsx';
import { FormAlert, Notice } from '../../ui/feedback.tsx';
import { useFormErrors } from '../../ui/useFormErrors.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';

export function ForgotPasswordPage() {
  usePageTitle('Reset your password');
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [request, { loading }] = useMutation(RequestPasswordResetDocument, { context: { skipAuth: true } });
  const { errors, fail, clear, formRef } = useFormErrors(['email']);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    clear();
    setSentTo(null);
    try {
      await request({ variables: { email: email.trim() } });
      setSentTo(email.trim());
    } catch (error) {
      fail(error);
    }
  }

  return (
    <>
      <h1 tabIndex={-1}>Reset your password</h1>
      <p className="lead">Enter the email of your account and we will send you a link to choose a new password.</p>
      {sentTo ? (
        <Notice>
          If an account exists for <strong>{sentTo}</strong>, a reset link is on its way. Check your inbox; the link works once.
        </Notice>
      ) : null}
      <form ref={formRef} className="form card" onSubmit={onSubmit} noValidate>
        <FormAlert messages={errors.form} />
        <InputField label="Email" type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} error={errors.fields.email} />
        <button type="submit" className="button" disabled={loading}>
          {loading ? 'Sending…' : 'Send reset link'}
        </button>
      </form>
      <p className="aside">
        <Link to="/login">Back to log in</Link>
      </p>
    </>
  );
}
