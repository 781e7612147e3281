// Disabling needs a reason (kept with the account, shown to admins). The server ends the
// account's sessions; its log-in then answers ACCOUNT_DISABLED until an admin enables it again.
import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { DisableUserDocument } from './operations.ts';
import { disableReasonError } from './disable-reason.ts';
import { TextAreaField } from '../../ui/Field.tsx';
import { FormAlert } from '../../ui/feedback.tsx';
import { useFormErrors } from '../../ui/useFormErrors.ts';

export function DisableUserForm({ user, onDisabled, onCancel }: { user: { id: string; email: string }; onDisabled: () => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [disable, { loading }] = useMutation(DisableUserDocument);
  const { errors, fail, set, clear, formRef } = useFormErrors(['reason']);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    clear();
    const invalid = disableReasonError(reason);
    if (invalid) return set({ fields: { reason: invalid }, form: [] });
    try {
      // The answer is the User with its new state: the cache updates the row.
      await disable({ variables: { id: user.id, reason: reason.trim() } });
      onDisabled();
    } catch (error) {
      fail(error);
    }
  }

  return (
    <form ref={formRef} className="form user-row__panel" onSubmit={onSubmit} noValidate aria-label={`Disable ${user.email}`}>
      <FormAlert messages={errors.form} />
      <TextAreaField
        label="Reason for disabling"
        name="reason"
        rows={2}
        required
        autoFocus
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={errors.fields.reason}
        hint="Ends every session of the account; it cannot log in until enabled again."
      />
      <div className="form__actions">
        <button type="submit" className="button button--small button--danger" disabled={loading}>
          {loading ? 'Disabling…' : 'Disable account'}
        </button>
        <button type="button" className="button button--small button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
