import { Link } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { MyProfileDocument } from './operations.ts';
import { useSessionLostWhenMeIsNull } from '../../app/useSessionLost.ts';
import { errorSummary } from '../../errors/apollo-errors.ts';
import { EmptyState, Loading, LoadError, Notice } from '../../ui/feedback.tsx';
import { formatDate } from '../../ui/format.ts';
import { usePageNotice } from '../../ui/usePageNotice.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { Avatar } from './Avatar.tsx';
import { DeleteAccountSection } from '../account/DeleteAccountSection.tsx';

export function ProfilePage() {
  usePageTitle('Your profile');
  const { notice } = usePageNotice();
  const result = useQuery(MyProfileDocument);
  useSessionLostWhenMeIsNull(result);
  const { data, loading, error, refetch } = result;
  const me = data?.me;
  // profile is null only when the user subgraph could not be reached (the rest of `me` still came).
  const profile = me?.profile;

  return (
    <>
      <div className="page__head">
        <h1 tabIndex={-1}>Your profile</h1>
        {me ? (
          <Link className="button" to="/profile/edit">
            Edit profile
          </Link>
        ) : null}
      </div>
      <Notice>{notice}</Notice>
      {loading && !me ? <Loading label="Loading your profile…" /> : null}
      {error && !me ? <LoadError message={errorSummary(error)} onRetry={() => void refetch()} /> : null}
      {me && !profile ? <LoadError message="Your profile details can't be loaded right now." onRetry={() => void refetch()} /> : null}
      {me && profile ? (
        <section className="card profile" aria-label="Profile">
          <Avatar url={profile.avatarUrl} name={profile.displayName ?? me.email} size="large" />
          <div className="profile__text">
            <h2 className="profile__name">{profile.displayName ?? 'No display name yet'}</h2>
            {profile.location ? <p className="profile__location">{profile.location}</p> : null}
            <dl className="facts">
              <dt>Email</dt>
              <dd>{me.email}</dd>
              <dt>Member since</dt>
              <dd>{formatDate(me.createdAt)}</dd>
            </dl>
            {profile.bio ? (
              <div className="profile__bio" data-testid="profile-bio">
                {profile.bio}
              </div>
            ) : (
              <EmptyState title="Your profile is still empty.">
                <p>
                  <Link to="/profile/edit">Add a display name, a short bio, a location and an avatar</Link> so others know who you are.
                </p>
              </EmptyState>
            )}
          </div>
        </section>
      ) : null}
      {me ? <DeleteAccountSection /> : null}
    </>
  );
}
