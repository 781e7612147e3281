// Error state for one form: maps a thrown Apollo error onto its fields, then moves keyboard focus
// to the first invalid field (or the alert) so the message is not missed.
import { useCallback, useEffect, useRef, useState } from 'react';
import { NO_ERRORS, type FormErrors } from '../errors/error-messages.ts';
import { formErrorsFrom } from '../errors/apollo-errors.ts';

export function useFormErrors(fieldNames: readonly string[]) {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const formRef = useRef<HTMLFormElement>(null);
  const names = useRef(fieldNames);

  useEffect(() => {
    if (errors === NO_ERRORS) return;
    const target = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]');
    target?.focus();
  }, [errors]);

  const fail = useCallback((error: unknown) => setErrors(formErrorsFrom(error, names.current)), []);
  const set = useCallback((next: FormErrors) => setErrors(next), []);
  const clear = useCallback(() => setErrors(NO_ERRORS), []);
  return { errors, fail, set, clear, formRef };
}
