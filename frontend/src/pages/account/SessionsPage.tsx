import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { MySessionsDocument, RevokeSessionDocument } from './operations.ts';
import { describeUserAgent } from './describe-user-agent.ts';
import { displayAddress } from './display-address.ts';
import { useSessionLostWhenMeIsNull } from '../../app/useSessionLost.ts';
import { useAuthActions } from '../../session/SessionContext.tsx';
import { errorSummary } from '../../errors/apollo-errors.ts';
import { EmptyState, FormAlert, Loading, LoadError } from '../../ui/feedback.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';

export function SessionsPage() {
  usePageTitle('Sessions');
  const result = useQuery(MySessionsDocument);
  useSessionLostWhenMeIsNull(result);
  const { data, loading, error, refetch } = result;
  const [revoke, { loading: revoking }] = useMutation(RevokeSessionDocument, { refetchQueries: [MySessionsDocument], awaitRefetchQueries: true });
  const { logOutEverywhere } = useAuthActions();
  const [problem, setProblem] = useState<string | null>(null);
  const [confirmingAll, setConfirmingAll] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const sessions = data?.me?.sessions;

  async function revokeOne(id: string) {
    setProblem(null);
    try {
      await revoke({ variables: { id } });
    } catch (e) {
      setProblem(errorSummary(e));
    }
  }

  async function everywhere() {
    setProblem(null);
    setLeaving(true);
    try {
      await logOutEverywhere();
    } catch (e) {
      setLeaving(false);
      setProblem(errorSummary(e));
    }
  }

  return (
    <>
      <h1 tabIndex={-1}>Sessions</h1>
      <p className="lead">Where your account is logged in. Revoke any session you do not recognise.</p>
      <FormAlert messages={problem ? [problem] : []} />
      {loading && !sessions ? <Loading label="Loading sessions…" /> : null}
      {error && !sessions ? <LoadError message={errorSummary(error)} onRetry={() => void refetch()} /> : null}
      {sessions && sessions.length === 0 ? <EmptyState title="No active sessions." /> : null}
      {sessions && sessions.length > 0 ? (
        <ul className="session-list" aria-label="Active sessions">
          {sessions.map((s) => (
            <li key={s.id} className="card session">
              <div>
                <p className="session__device">
                  {describeUserAgent(s.userAgent)} {s.current ? <span className="pill pill--active">This device</span> : null}
                </p>
                {s.userAgent ? <p className="muted session__agent">{s.userAgent}</p> : null}
                {/* Start time (to the second) and address tell apart two sessions of one browser. */}
                <p className="session__started">
                  Logged in <time dateTime={s.createdAt}>{formatDateTime(s.createdAt, { seconds: true })}</time> from{' '}
                  <span className="session__address">{displayAddress(s.ipAddress)}</span>
                </p>
                <p className="muted">
                  Last used <time dateTime={s.lastUsedAt}>{formatDateTime(s.lastUsedAt)}</time>
                </p>
              </div>
              {s.current ? null : (
                <button type="button" className="button button--small button--secondary" disabled={revoking} onClick={() => void revokeOne(s.id)}>
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <section className="card danger-zone" aria-labelledby="everywhere-heading">
        <h2 id="everywhere-heading">Log out everywhere</h2>
        <p>Ends every session of your account, this one included.</p>
        {confirmingAll ? (
          <div className="confirm" role="group" aria-label="Confirm log out everywhere">
            <span>Log out on all devices?</span>
            <button type="button" className="button button--danger" disabled={leaving} onClick={() => void everywhere()}>
              {leaving ? 'Logging out…' : 'Yes, log out everywhere'}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirmingAll(false)}>
              Cancel
            </button>
          </div>
        ) : (
          <button type="button" className="button button--danger" onClick={() => setConfirmingAll(true)}>
            Log out everywhere
          </button>
        )}
      </section>
    </>
  );
}
