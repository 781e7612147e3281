import { Link } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { MyBadgesDocument } from './operations.ts';
import { useSessionLostWhenMeIsNull } from '../../app/useSessionLost.ts';
import { errorSummary } from '../../errors/apollo-errors.ts';
import { EmptyState, Loading, LoadError } from '../../ui/feedback.tsx';
import { formatDate } from '../../ui/format.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { previewableAvatarUrl } from '../profile/profile-form.ts';

function BadgeIcon({ iconUrl }: { iconUrl: string | null }) {
  const src = iconUrl ? previewableAvatarUrl(iconUrl) : null;
  return src ? <img className="badge__icon" src={src} alt="" referrerPolicy="no-referrer" /> : <span className="badge__icon badge__icon--default" aria-hidden="true">★</span>;
}

export function BadgesPage() {
  usePageTitle('Badges');
  const result = useQuery(MyBadgesDocument);
  useSessionLostWhenMeIsNull(result);
  const { data, loading, error, refetch } = result;
  const earned = data?.me?.badges ?? [];
  const earnedIds = new Set(earned.map((b) => b.badge.id));
  const toEarn = (data?.badges ?? []).filter((b) => !earnedIds.has(b.id));

  return (
    <>
      <h1 tabIndex={-1}>Badges</h1>
      {loading && !data ? <Loading label="Loading badges…" /> : null}
      {error && !data ? <LoadError message={errorSummary(error)} onRetry={() => void refetch()} /> : null}
      {data?.me ? (
        <>
          <section aria-labelledby="earned-heading">
            <h2 id="earned-heading">Earned</h2>
            {earned.length === 0 ? (
              <EmptyState title="No badges yet.">
                <p>
                  Badges come by themselves as you go: <Link to="/goals">create your first goal</Link> to earn one.
                </p>
              </EmptyState>
            ) : (
              <ul className="badges" aria-label="Earned badges">
                {earned.map(({ badge, awardedAt }) => (
                  <li key={badge.id} className="badge card" data-badge={badge.slug}>
                    <BadgeIcon iconUrl={badge.iconUrl} />
                    <div>
                      <h3 className="badge__name">{badge.name}</h3>
                      <p className="badge__description">{badge.description}</p>
                      <p className="muted">Earned {formatDate(awardedAt)}</p>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {toEarn.length > 0 ? (
            <section aria-labelledby="to-earn-heading">
              <h2 id="to-earn-heading">Still to earn</h2>
              <ul className="badges badges--locked" aria-label="Badges still to earn">
                {toEarn.map((badge) => (
                  <li key={badge.id} className="badge card">
                    <BadgeIcon iconUrl={badge.iconUrl} />
                    <div>
                      <h3 className="badge__name">{badge.name}</h3>
                      <p className="badge__description">{badge.description}</p>
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
    </>
  );
}
