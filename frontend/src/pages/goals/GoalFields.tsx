import type { FormErrors } from '../../errors/error-messages.ts';
import { InputField, TextAreaField } from '../../ui/Field.tsx';
import type { GoalFormValues } from './goal-form.ts';

export const GOAL_FIELDS = ['title', 'description', 'targetDate'] as const;

/**
 * Title, description and target date: the part of a goal both create and edit forms share. No
 * `maxlength`: it would cut a pasted text silently; goalFormErrors refuses it beside the field.
 */
export function GoalFields({ values, onChange, errors }: { values: GoalFormValues; onChange: (values: GoalFormValues) => void; errors: FormErrors }) {
  return (
    <>
      <InputField label="Title" name="title" required value={values.title} onChange={(e) => onChange({ ...values, title: e.target.value })} error={errors.fields.title} />
      <TextAreaField
        label="Description (optional)"
        name="description"
        rows={3}
        value={values.description}
        onChange={(e) => onChange({ ...values, description: e.target.value })}
        error={errors.fields.description}
      />
      <InputField
        label="Target date (optional)"
        name="targetDate"
        type="date"
        value={values.targetDate}
        onChange={(e) => onChange({ ...values, targetDate: e.target.value })}
        error={errors.fields.targetDate}
      />
    </>
  );
}
