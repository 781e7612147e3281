// Shown above every signed-in page while the viewer's address is unverified. Nothing is blocked
// for an unverified address (DESIGN.md "Account lifecycle"): the banner only reminds and offers a
// new link. requestEmailVerification is rate-limited per account, so its RATE_LIMITED answer is
// shown here in full (it says when to try again).
import { useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { RequestEmailVerificationDocument } from './operations.ts';
import { errorSummary } from '../../errors/apollo-errors.ts';

export function VerifyEmailBanner({ email }: { email: string }) {
  const [resend, { loading }] = useMutation(RequestEmailVerificationDocument);
  const [sent, setSent] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function onResend() {
    setSent(false);
    setProblem(null);
    try {
      await resend();
      setSent(true);
    } catch (error) {
      // The reason alone ("Too many attempts. Try again in 60 minutes.") does not say what failed.
      setProblem(`No new link was sent. ${errorSummary(error)}`);
    }
  }

  return (
    <section className="banner" aria-labelledby="verify-banner-heading">
      <div className="banner__inner">
        <p>
          <strong id="verify-banner-heading">Please verify your email address.</strong> We sent a link to <span className="banner__email">{email}</span>; open it to
          confirm the address is yours.
        </p>
        <button type="button" className="button button--small button--secondary" disabled={loading} onClick={() => void onResend()}>
          {loading ? 'Sending…' : 'Resend link'}
        </button>
        {sent ? (
          <p className="banner__status" role="status">
            A new link is on its way to {email}. It works once, for 24 hours.
          </p>
        ) : null}
        {problem ? (
          <p className="banner__error" role="alert">
            {problem}
          </p>
        ) : null}
      </div>
    </section>
  );
}
