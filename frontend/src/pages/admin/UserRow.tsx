// One account in the admin's list: its state (admin, verified, disabled and why) and the actions
// on it. Only one action panel is open at a time; the admin's own row has no Disable (the server
// refuses it anyway, on `id`).
import { useId, useState } from 'react';
import { useMutation } from '@apollo/client/react';
import type { AdminUserFieldsFragment } from '../../gql/graphql.ts';
import { EnableUserDocument } from './operations.ts';
import { DisableUserForm } from './DisableUserForm.tsx';
import { AwardBadgeForm, type CatalogBadge } from './AwardBadgeForm.tsx';
import { errorSummary } from '../../errors/apollo-errors.ts';
import { FormAlert } from '../../ui/feedback.tsx';
import { formatDate } from '../../ui/format.ts';
import { useReturnFocus } from '../../ui/useReturnFocus.ts';

type Panel = 'disable' | 'award' | null;

export function UserRow({ user, isViewer, badges }: { user: AdminUserFieldsFragment; isViewer: boolean; badges: readonly CatalogBadge[] }) {
  const emailId = useId();
  const [panel, setPanel] = useState<Panel>(null);
  const [done, setDone] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [enable, { loading: enabling }] = useMutation(EnableUserDocument);
  // Closing a panel hands the focus to the row's first action.
  const actions = useReturnFocus<HTMLDivElement>(panel !== null);

  function open(next: Panel) {
    setDone(null);
    setProblem(null);
    setPanel(next);
  }

  async function onEnable() {
    open(null);
    try {
      await enable({ variables: { id: user.id } });
      setDone('Account enabled. It can log in again.');
    } catch (error) {
      setProblem(errorSummary(error));
    }
  }

  return (
    <article className="card user-row" aria-labelledby={emailId} data-user-id={user.id}>
      <div className="user-row__head">
        <h2 id={emailId} className="user-row__email">
          {user.email}
        </h2>
        <span className="user-row__pills">
          {isViewer ? <span className="pill pill--active">You</span> : null}
          {user.roles.includes('ADMIN') ? <span className="pill pill--active">Admin</span> : null}
          {user.emailVerified ? <span className="pill pill--completed">Verified</span> : <span className="pill pill--archived">Unverified</span>}
          {user.disabled ? <span className="pill pill--disabled">Disabled</span> : null}
        </span>
      </div>
      <p className="muted">
        Joined <time dateTime={user.createdAt}>{formatDate(user.createdAt)}</time> · id {user.id}
      </p>
      {user.disabled ? <p className="user-row__reason">Disabled: {user.disabledReason ?? 'no reason recorded'}</p> : null}
      <FormAlert messages={problem ? [problem] : []} />
      {done ? (
        <p className="user-row__done" role="status">
          {done}
        </p>
      ) : null}
      {panel === 'disable' ? (
        <DisableUserForm
          user={user}
          onDisabled={() => {
            setPanel(null);
            setDone('Account disabled. Its sessions were ended.');
          }}
          onCancel={() => setPanel(null)}
        />
      ) : null}
      {panel === 'award' ? (
        <AwardBadgeForm
          user={user}
          badges={badges}
          onAwarded={(name) => {
            setPanel(null);
            setDone(`Badge “${name}” awarded.`);
          }}
          onCancel={() => setPanel(null)}
        />
      ) : null}
      {panel === null ? (
        <div className="user-row__actions" ref={actions}>
          {user.disabled ? (
            <button type="button" className="button button--small" disabled={enabling} onClick={() => void onEnable()}>
              {enabling ? 'Enabling…' : 'Enable'}
            </button>
          ) : isViewer ? null : (
            <button type="button" className="button button--small button--danger" onClick={() => open('disable')}>
              Disable…
            </button>
          )}
          <button type="button" className="button button--small button--secondary" disabled={badges.length === 0} onClick={() => open('award')}>
            Award badge…
          </button>
        </div>
      ) : null}
    </article>
  );
}
