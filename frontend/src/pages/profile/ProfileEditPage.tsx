import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from '@apollo/client/react';
import { MyProfileDocument, UpdateProfileDocument } from './operations.ts';
import { PROFILE_LIMITS, fromProfile, previewableAvatarUrl, profileFormErrors, toProfileInput, type ProfileFormValues } from './profile-form.ts';
import { codePoints } from '../../ui/text-limits.ts';
import { useSessionLostWhenMeIsNull } from '../../app/useSessionLost.ts';
import { errorSummary } from '../../errors/apollo-errors.ts';
import { InputField, TextAreaField } from '../../ui/Field.tsx';
import { FormAlert, Loading, LoadError } from '../../ui/feedback.tsx';
import { useFormErrors } from '../../ui/useFormErrors.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';

const FIELDS = ['displayName', 'bio', 'avatarUrl', 'location'] as const;

export function ProfileEditPage() {
  usePageTitle('Edit profile');
  const result = useQuery(MyProfileDocument, { fetchPolicy: 'cache-first' });
  useSessionLostWhenMeIsNull(result);
  const me = result.data?.me;
  const [values, setValues] = useState<ProfileFormValues | null>(null);
  const [save, { loading: saving }] = useMutation(UpdateProfileDocument);
  const { errors, fail, set, clear, formRef } = useFormErrors(FIELDS);
  const navigate = useNavigate();

  useEffect(() => {
    if (me?.profile && values === null) setValues(fromProfile(me.profile));
  }, [me, values]);

  if (!values) {
    if (me && !me.profile) return <LoadError message="Your profile can't be loaded right now." onRetry={() => void result.refetch()} />;
    if (result.error) return <LoadError message={errorSummary(result.error)} onRetry={() => void result.refetch()} />;
    return <Loading label="Loading your profile…" />;
  }

  const change = (field: keyof ProfileFormValues) => (event: { target: { value: string } }) => setValues({ ...values, [field]: event.target.value });
  const preview = previewableAvatarUrl(values.avatarUrl);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!values || !me) return;
    clear();
    // No `maxlength` on the fields: it would cut a pasted value silently. Refused here instead,
    // with the server's limits (which refuses the same with BAD_USER_INPUT naming the field).
    const invalid = profileFormErrors(values);
    if (Object.keys(invalid).length > 0) return set({ fields: invalid, form: [] });
    try {
      await save({
        variables: { input: toProfileInput(values) },
        // Profile has no id of its own: write it into the viewer's User entry.
        update(cache, { data }) {
          if (!data) return;
          cache.modify({ id: cache.identify({ __typename: 'User', id: me.id }), fields: { profile: () => data.updateProfile } });
        },
      });
      navigate('/profile', { state: { notice: 'Profile saved.' } });
    } catch (error) {
      fail(error);
    }
  }

  return (
    <>
      <h1 tabIndex={-1}>Edit profile</h1>
      <form ref={formRef} className="form card" onSubmit={onSubmit} noValidate>
        <FormAlert messages={errors.form} />
        <InputField label="Display name" name="displayName" autoComplete="nickname" value={values.displayName} onChange={change('displayName')} error={errors.fields.displayName} />
        <TextAreaField
          label="Bio"
          name="bio"
          rows={5}
          value={values.bio}
          onChange={change('bio')}
          error={errors.fields.bio}
          hint={`${codePoints(values.bio.trim())} / ${PROFILE_LIMITS.bio} characters. Shown as plain text.`}
        />
        <InputField label="Location" name="location" autoComplete="address-level2" value={values.location} onChange={change('location')} error={errors.fields.location} />
        <InputField
          label="Avatar URL"
          name="avatarUrl"
          type="url"
          inputMode="url"
          placeholder="https://…"
          value={values.avatarUrl}
          onChange={change('avatarUrl')}
          error={errors.fields.avatarUrl}
          hint="An https address of an image."
        />
        <div className="avatar-preview" aria-live="polite">
          {preview ? (
            <>
              <img className="avatar avatar--large" src={preview} alt="Avatar preview" referrerPolicy="no-referrer" />
              <span>Preview</span>
            </>
          ) : values.avatarUrl.trim() ? (
            <span className="muted">The preview appears once this is a full https address.</span>
          ) : null}
        </div>
        <div className="form__actions">
          <button type="submit" className="button" disabled={saving}>
            {saving ? 'Saving…' : 'Save profile'}
          </button>
          <Link className="button button--secondary" to="/profile">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
