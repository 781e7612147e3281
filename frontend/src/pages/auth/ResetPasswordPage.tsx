// Target of the emailed link (PASSWORD_RESET_URL?token=...). The token is moved out of the
// address bar at once, so it does not stay in history or leak through a Referer. A link that
// cannot be used (none, used, expired: the server names the `token` field) replaces the form
// with a way to ask for a new one.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from '@apollo/client/react';
import { ResetPasswordDocument } from './operations.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { InputField } from '../../ui/Field.tsx';
import { FormAlert } from '../../ui/feedback.tsx';
import { useFormErrors } from '../../ui/useFormErrors.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';

export const PASSWORD_RESET_NOTICE = 'Your password has been changed and every session was logged out. Log in with your new password.';

export function ResetPasswordPage() {
  usePageTitle('Choose a new password');
  const [params, setParams] = useSearchParams();
  const [token] = useState(() => params.get('token') ?? '');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [reset, { loading }] = useMutation(ResetPasswordDocument, { context: { skipAuth: true } });
  const session = useSession();
  const navigate = useNavigate();
  const { errors, fail, set, clear, formRef } = useFormErrors(['newPassword', 'token']);

  useEffect(() => {
    if (params.has('token')) setParams({}, { replace: true });
  }, [params, setParams]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    clear();
    if (password !== confirm) {
      set({ fields: { confirmPassword: 'The two passwords do not match.' }, form: [] });
      return;
    }
    try {
      await reset({ variables: { token, newPassword: password } });
      // The reset revoked every session of the account, this tab's included.
      if (session.getState().status === 'signed-in') session.end(null);
      navigate('/login', { replace: true, state: { notice: PASSWORD_RESET_NOTICE } });
    } catch (error) {
      fail(error);
    }
  }

  if (!token) return <UnusableLink message="This page needs the link from your password reset email." />;
  if (errors.fields.token) return <UnusableLink message="This reset link can no longer be used: each link works once, and only for a limited time." />;

  return (
    <>
      <h1 tabIndex={-1}>Choose a new password</h1>
      <form ref={formRef} className="form card" onSubmit={onSubmit} noValidate>
        <FormAlert messages={errors.form} />
        <InputField
          label="New password"
          type="password"
          name="newPassword"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.fields.newPassword}
        />
        <InputField
          label="Repeat new password"
          type="password"
          name="confirmPassword"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          error={errors.fields.confirmPassword}
        />
        <button type="submit" className="button" disabled={loading}>
          {loading ? 'Saving…' : 'Set new password'}
        </button>
      </form>
    </>
  );
}

/** In place of the form when the link cannot work: the reason and where to get a new one. */
function UnusableLink({ message }: { message: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Replacing the form dropped the focus (it was on the submit button): give it to the page again.
  useEffect(() => {
    if (document.activeElement === null || document.activeElement === document.body) heading.current?.focus();
  }, []);
  return (
    <>
      <h1 tabIndex={-1} ref={heading}>
        Choose a new password
      </h1>
      <div className="alert alert--error" role="alert">
        <p>{message}</p>
      </div>
      <p>
        <Link className="button" to="/forgot-password">
          Send me a new link
        </Link>
      </p>
    </>
  );
}
