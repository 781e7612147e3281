import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { CreateGoalDocument, MyGoalsDocument } from './operations.ts';
import { GOAL_FIELDS, GoalFields } from './GoalFields.tsx';
import { goalFormErrors, toGoalInput, type GoalFormValues } from './goal-form.ts';
import { FormAlert, Notice } from '../../ui/feedback.tsx';
import { useFormErrors } from '../../ui/useFormErrors.ts';

const EMPTY: GoalFormValues = { title: '', description: '', targetDate: '' };

export function CreateGoalForm() {
  const [values, setValues] = useState<GoalFormValues>(EMPTY);
  const [created, setCreated] = useState<string | null>(null);
  const [create, { loading }] = useMutation(CreateGoalDocument, { refetchQueries: [MyGoalsDocument], awaitRefetchQueries: true });
  const { errors, fail, set, clear, formRef } = useFormErrors(GOAL_FIELDS);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    clear();
    setCreated(null);
    const invalid = goalFormErrors(values);
    if (Object.keys(invalid).length > 0) return set({ fields: invalid, form: [] });
    try {
      const { data } = await create({ variables: { input: toGoalInput(values) } });
      setValues(EMPTY);
      setCreated(data?.createGoal.title ?? null);
    } catch (error) {
      fail(error);
    }
  }

  return (
    <section className="card" aria-labelledby="new-goal-heading">
      <h2 id="new-goal-heading">New goal</h2>
      <Notice>{created ? <>Goal “{created}” created.</> : null}</Notice>
      <form ref={formRef} className="form" onSubmit={onSubmit} noValidate>
        <FormAlert messages={errors.form} />
        <GoalFields values={values} onChange={setValues} errors={errors} />
        <button type="submit" className="button" disabled={loading}>
          {loading ? 'Adding…' : 'Add goal'}
        </button>
      </form>
    </section>
  );
}
