// Target of the emailed link (EMAIL_VERIFICATION_URL?token=...): verifies at once, no form. Like
// the reset page, the token leaves the address bar immediately. A link the server refuses
// (`extensions.field: "token"`) gets the server's reason (unknown, already used or expired: it
// says which) and what to do next; any other failure can be retried with the same token.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation } from '@apollo/client/react';
import { VerifyEmailDocument } from './operations.ts';
import { useSessionState } from '../../session/SessionContext.tsx';
import { formErrorsFrom } from '../../errors/apollo-errors.ts';
import { Loading, LoadError } from '../../ui/feedback.tsx';
import { usePageTitle } from '../../ui/usePageTitle.ts';

type Outcome = { kind: 'verifying' } | { kind: 'verified' } | { kind: 'unusable'; reason: string } | { kind: 'failed'; message: string };

export function VerifyEmailPage() {
  usePageTitle('Verify your email');
  const [params, setParams] = useSearchParams();
  const [token] = useState(() => params.get('token') ?? '');
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'verifying' });
  const [verify] = useMutation(VerifyEmailDocument, { context: { skipAuth: true } });
  const session = useSessionState();
  const signedInAs = session.status === 'signed-in' ? session.userId : null;
  // A link works once: StrictMode's second effect run (same component, same ref) must not spend it again.
  const sent = useRef(false);

  useEffect(() => {
    if (params.has('token')) setParams({}, { replace: true });
  }, [params, setParams]);

  const run = useCallback(async () => {
    setOutcome({ kind: 'verifying' });
    try {
      await verify({
        variables: { token },
        // The link may belong to another account than this tab's, so nothing is written: the
        // signed-in user's flag is dropped and read again from the server (the banner follows).
        update(cache) {
          if (signedInAs) cache.evict({ id: cache.identify({ __typename: 'User', id: signedInAs }), fieldName: 'emailVerified' });
        },
      });
      setOutcome({ kind: 'verified' });
    } catch (error) {
      const errors = formErrorsFrom(error, ['token']);
      const reason = errors.fields.token;
      setOutcome(reason ? { kind: 'unusable', reason } : { kind: 'failed', message: errors.form.join(' ') });
    }
  }, [verify, token, signedInAs]);

  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true;
    void run();
  }, [token, run]);

  const next = signedInAs ? (
    <Link className="button" to="/">
      Continue to Tracklore
    </Link>
  ) : (
    <Link className="button" to="/login">
      Log in
    </Link>
  );

  return (
    <>
      <h1 tabIndex={-1}>Verify your email</h1>
      {!token ? (
        <div className="alert alert--error" role="alert">
          <p>This page needs the link from your verification email.</p>
        </div>
      ) : outcome.kind === 'verifying' ? (
        <Loading label="Verifying your email address…" />
      ) : outcome.kind === 'verified' ? (
        <div className="alert alert--success" role="status">
          <p>Your email address is verified. Thank you!</p>
        </div>
      ) : outcome.kind === 'unusable' ? (
        <div className="alert alert--error" role="alert">
          <p>{sentence(outcome.reason)}</p>
          <p>Each link works once, for 24 hours. To get a new one, log in and choose “Resend link” on the reminder at the top of the page.</p>
        </div>
      ) : (
        <LoadError message={outcome.message} onRetry={() => void run()} />
      )}
      {outcome.kind === 'verifying' && token ? null : <p>{next}</p>}
    </>
  );
}

/** The server's reason as a sentence: "this link has expired; ask for a new one" → "This link has expired; ask for a new one." */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
