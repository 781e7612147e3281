// "Delete account" at the end of the profile page: a warning, then the password again (the server
// re-checks it; a wrong one comes back under the field). On success the session is over and the
// guards send the person to the login page with a notice.
import { useState, type FormEvent } from 'react';
import { useAuthActions } from '../../session/SessionContext.tsx';
import { InputField } from '../../ui/Field.tsx';
import { FormAlert } from '../../ui/feedback.tsx';
import { useFormErrors } from '../../ui/useFormErrors.ts';
import { useReturnFocus } from '../../ui/useReturnFocus.ts';

export function DeleteAccountSection() {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [deleting, setDeleting] = useState(false);
  const { deleteAccount } = useAuthActions();
  const { errors, fail, set, clear, formRef } = useFormErrors(['password']);
  const opener = useReturnFocus<HTMLButtonElement>(open);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    clear();
    if (password === '') return set({ fields: { password: 'Enter your password to confirm.' }, form: [] });
    setDeleting(true);
    try {
      await deleteAccount(password);
    } catch (error) {
      setDeleting(false);
      fail(error);
    }
  }

  function cancel() {
    setOpen(false);
    setPassword('');
    clear();
  }

  return (
    <section className="card danger-zone" aria-labelledby="delete-account-heading">
      <h2 id="delete-account-heading">Delete account</h2>
      <p>
        Deleting your account removes your profile, goals, badges and sessions for good. <strong>This cannot be undone.</strong>
      </p>
      {open ? (
        <form ref={formRef} className="form" onSubmit={onSubmit} noValidate aria-label="Confirm account deletion">
          <FormAlert messages={errors.form} />
          <InputField
            label="Your password"
            type="password"
            name="password"
            autoComplete="current-password"
            required
            autoFocus
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errors.fields.password}
            hint="To make sure it is you."
          />
          <div className="form__actions">
            <button type="submit" className="button button--danger" disabled={deleting}>
              {deleting ? 'Deleting…' : 'Delete my account permanently'}
            </button>
            <button type="button" className="button button--secondary" onClick={cancel}>
              Keep my account
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button button--danger" ref={opener} onClick={() => setOpen(true)}>
          Delete account…
        </button>
      )}
    </section>
  );
}
