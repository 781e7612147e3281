import { useSearchParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { MyGoalsDocument } from './operations.ts';
import { GOAL_STATUSES, STATUS_LABEL, parseStatusFilter } from './goal-form.ts';
import { CreateGoalForm } from './CreateGoalForm.tsx';
import { GoalCard } from './GoalCard.tsx';
import { useSessionLostWhenMeIsNull } from '../../app/useSessionLost.ts';
import { errorSummary } from '../../errors/apollo-errors.ts';
import { EmptyState, Loading, LoadError } from '../../ui/feedback.tsx';
import { usePageTitle } from '../../ui/usePageTitle.ts';

export function GoalsPage() {
  usePageTitle('Learning goals');
  const [params, setParams] = useSearchParams();
  const status = parseStatusFilter(params.get('status'));
  const result = useQuery(MyGoalsDocument, { variables: { status } });
  useSessionLostWhenMeIsNull(result);
  const { data, loading, error, refetch } = result;
  const goals = data?.me?.goals;

  return (
    <>
      <h1 tabIndex={-1}>Learning goals</h1>
      <CreateGoalForm />
      <section aria-labelledby="goals-heading" className="goals">
        <div className="goals__head">
          <h2 id="goals-heading">Your goals</h2>
          <fieldset className="segmented">
            <legend className="visually-hidden">Show goals</legend>
            {[null, ...GOAL_STATUSES].map((value) => (
              <label key={value ?? 'ALL'} className={value === status ? 'segmented__option segmented__option--on' : 'segmented__option'}>
                <input
                  type="radio"
                  name="status-filter"
                  checked={value === status}
                  onChange={() => setParams(value ? { status: value.toLowerCase() } : {}, { replace: true })}
                />
                {value ? STATUS_LABEL[value] : 'All'}
              </label>
            ))}
          </fieldset>
        </div>
        {loading && !goals ? <Loading label="Loading goals…" /> : null}
        {error && !goals ? <LoadError message={errorSummary(error)} onRetry={() => void refetch()} /> : null}
        {goals && goals.length === 0 ? (
          <EmptyState title={status ? `No ${STATUS_LABEL[status].toLowerCase()} goals.` : 'No goals yet.'}>
            {status ? null : <p>Add your first goal above: what do you want to learn next?</p>}
          </EmptyState>
        ) : null}
        {goals && goals.length > 0 ? (
          <ul className="goal-list" aria-label="Goals">
            {goals.map((goal) => (
              <li key={goal.id}>
                <GoalCard goal={goal} />
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}
