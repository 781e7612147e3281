// One goal: progress, status, inline edit and delete. Status changes refetch the goal lists,
// because they move a goal between the filtered views.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation } from '@apollo/client/react';
import type { GoalFieldsFragment } from '../../gql/graphql.ts';
import { DeleteGoalDocument, MyGoalsDocument, UpdateGoalDocument } from './operations.ts';
import { GOAL_FIELDS, GoalFields } from './GoalFields.tsx';
import { GOAL_STATUSES, STATUS_LABEL, clampProgress, formatTargetDate, fromGoal, goalFormErrors, toGoalInput, type GoalFormValues, type GoalStatusValue } from './goal-form.ts';
import { errorSummary } from '../../errors/apollo-errors.ts';
import { FormAlert } from '../../ui/feedback.tsx';
import { useFormErrors } from '../../ui/useFormErrors.ts';

export function GoalCard({ goal }: { goal: GoalFieldsFragment }) {
  const titleId = useId();
  const [editing, setEditing] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [progress, setProgress] = useState(goal.progress);
  const [problem, setProblem] = useState<string | null>(null);
  const [justCompleted, setJustCompleted] = useState(false);
  const [update, { loading: updating }] = useMutation(UpdateGoalDocument);
  const [remove, { loading: removing }] = useMutation(DeleteGoalDocument, { refetchQueries: [MyGoalsDocument] });
  const busy = updating || removing;
  useEffect(() => setProgress(goal.progress), [goal.progress]);

  async function run(action: () => Promise<unknown>) {
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(errorSummary(error));
    }
  }

  const saveProgress = () => run(() => update({ variables: { id: goal.id, input: { progress: clampProgress(progress) } } }));

  const changeStatus = (status: GoalStatusValue) =>
    run(async () => {
      const input = status === 'COMPLETED' ? { status, progress: 100 } : { status };
      await update({ variables: { id: goal.id, input }, refetchQueries: [MyGoalsDocument] });
      if (status === 'COMPLETED') setProgress(100);
      setJustCompleted(status === 'COMPLETED');
    });

  if (editing) return <GoalEditForm goal={goal} onDone={() => setEditing(false)} />;

  return (
    <article className="goal card" aria-labelledby={titleId} data-goal-id={goal.id}>
      <div className="goal__head">
        <h3 id={titleId} className="goal__title">
          {goal.title}
        </h3>
        <span className={`pill pill--${goal.status.toLowerCase()}`}>{STATUS_LABEL[goal.status]}</span>
      </div>
      {goal.description ? <p className="goal__description">{goal.description}</p> : null}
      {goal.targetDate ? <p className="muted">Target: {formatTargetDate(goal.targetDate)}</p> : null}
      <FormAlert messages={problem ? [problem] : []} />
      {justCompleted ? (
        <p className="alert alert--success" role="status">
          Well done! <Link to="/badges">See your badges</Link>
        </p>
      ) : null}

      {goal.status === 'COMPLETED' ? (
        // Completed means done: progress is shown, not edited (set the status back to change it).
        <div className="goal__progress">
          <span className="goal__progress-label" id={`${titleId}-progress`}>
            Progress {goal.progress}%
          </span>
          <progress max={100} value={goal.progress} aria-labelledby={`${titleId}-progress`} />
        </div>
      ) : (
        <div className="goal__progress">
          <label htmlFor={`${titleId}-progress`}>
            Progress <output htmlFor={`${titleId}-progress`}>{progress}%</output>
          </label>
          <input
            id={`${titleId}-progress`}
            type="range"
            min={0}
            max={100}
            step={5}
            value={progress}
            disabled={busy}
            onChange={(e) => setProgress(Number(e.target.value))}
          />
          {progress !== goal.progress ? (
            <button type="button" className="button button--small" disabled={busy} onClick={() => void saveProgress()}>
              Save progress
            </button>
          ) : null}
        </div>
      )}

      <div className="goal__actions">
        <label className="inline-field">
          Status
          <select value={goal.status} disabled={busy} onChange={(e) => void changeStatus(e.target.value as GoalStatusValue)}>
            {GOAL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        {goal.status === 'ACTIVE' ? (
          <button type="button" className="button button--small" disabled={busy} onClick={() => void changeStatus('COMPLETED')}>
            Mark complete
          </button>
        ) : null}
        <button type="button" className="button button--small button--secondary" disabled={busy} onClick={() => setEditing(true)}>
          Edit
        </button>
        {confirmingDelete ? (
          <span className="confirm" role="group" aria-label="Confirm delete">
            <span>Delete this goal?</span>
            <button type="button" className="button button--small button--danger" disabled={busy} onClick={() => void run(() => remove({ variables: { id: goal.id } }))}>
              Yes, delete
            </button>
            <button type="button" className="button button--small button--secondary" onClick={() => setConfirmingDelete(false)}>
              Keep it
            </button>
          </span>
        ) : (
          <button type="button" className="button button--small button--secondary" disabled={busy} onClick={() => setConfirmingDelete(true)}>
            Delete
          </button>
        )}
      </div>
    </article>
  );
}

function GoalEditForm({ goal, onDone }: { goal: GoalFieldsFragment; onDone: () => void }) {
  const [values, setValues] = useState<GoalFormValues>(() => fromGoal(goal));
  const [update, { loading }] = useMutation(UpdateGoalDocument);
  const { errors, fail, set, clear, formRef } = useFormErrors(GOAL_FIELDS);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    clear();
    const invalid = goalFormErrors(values);
    if (Object.keys(invalid).length > 0) return set({ fields: invalid, form: [] });
    try {
      await update({ variables: { id: goal.id, input: toGoalInput(values) } });
      onDone();
    } catch (error) {
      fail(error);
    }
  }

  return (
    <form ref={formRef} className="goal card form" onSubmit={onSubmit} noValidate aria-label={`Edit goal ${goal.title}`}>
      <FormAlert messages={errors.form} />
      <GoalFields values={values} onChange={setValues} errors={errors} />
      <div className="form__actions">
        <button type="submit" className="button" disabled={loading}>
          {loading ? 'Saving…' : 'Save goal'}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
