import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { ChangePasswordDocument } from './operations.ts';
import { InputField } from '../../ui/Field.tsx';
import { FormAlert, Notice } from '../../ui/feedback.tsx';
import { useFormErrors } from '../../ui/useFormErrors.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';

const EMPTY = { currentPassword: '', newPassword: '', confirmPassword: '' };

export function ChangePasswordPage() {
  usePageTitle('Change password');
  const [values, setValues] = useState(EMPTY);
  const [done, setDone] = useState(false);
  const [change, { loading }] = useMutation(ChangePasswordDocument);
  const { errors, fail, set, clear, formRef } = useFormErrors(['currentPassword', 'newPassword']);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    clear();
    setDone(false);
    if (values.newPassword !== values.confirmPassword) {
      set({ fields: { confirmPassword: 'The two new passwords do not match.' }, form: [] });
      return;
    }
    try {
      await change({ variables: { currentPassword: values.currentPassword, newPassword: values.newPassword } });
      setValues(EMPTY);
      setDone(true);
    } catch (error) {
      fail(error);
    }
  }

  const field = (name: keyof typeof EMPTY) => ({
    name,
    value: values[name],
    onChange: (e: { target: { value: string } }) => setValues({ ...values, [name]: e.target.value }),
    error: errors.fields[name],
  });

  return (
    <>
      <h1 tabIndex={-1}>Change password</h1>
      <Notice>{done ? 'Your password has been changed.' : null}</Notice>
      <form ref={formRef} className="form card" onSubmit={onSubmit} noValidate>
        <FormAlert messages={errors.form} />
        <InputField label="Current password" type="password" autoComplete="current-password" required {...field('currentPassword')} />
        <InputField label="New password" type="password" autoComplete="new-password" required {...field('newPassword')} />
        <InputField label="Repeat new password" type="password" autoComplete="new-password" required {...field('confirmPassword')} />
        <button type="submit" className="button" disabled={loading}>
          {loading ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </>
  );
}
