// The admin's manual badge award (awardBadge), from the user's row. Awarding is idempotent on the
// server: a badge the person already has is simply confirmed again.
import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { AwardBadgeDocument } from './operations.ts';
import { SelectField } from '../../ui/Field.tsx';
import { FormAlert } from '../../ui/feedback.tsx';
import { useFormErrors } from '../../ui/useFormErrors.ts';

export interface CatalogBadge {
  id: string;
  slug: string;
  name: string;
}

interface AwardBadgeFormProps {
  user: { id: string; email: string };
  badges: readonly CatalogBadge[];
  /** With the awarded badge's name. */
  onAwarded: (badgeName: string) => void;
  onCancel: () => void;
}

export function AwardBadgeForm({ user, badges, onAwarded, onCancel }: AwardBadgeFormProps) {
  const [slug, setSlug] = useState(badges[0]?.slug ?? '');
  const [award, { loading }] = useMutation(AwardBadgeDocument);
  const { errors, fail, clear, formRef } = useFormErrors(['badgeSlug']);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    clear();
    try {
      const { data } = await award({ variables: { userId: user.id, badgeSlug: slug } });
      if (data) onAwarded(data.awardBadge.badge.name);
    } catch (error) {
      fail(error);
    }
  }

  return (
    <form ref={formRef} className="form user-row__panel" onSubmit={onSubmit} noValidate aria-label={`Award a badge to ${user.email}`}>
      <FormAlert messages={errors.form} />
      <SelectField label="Badge" name="badgeSlug" autoFocus value={slug} onChange={(e) => setSlug(e.target.value)} error={errors.fields.badgeSlug}>
        {badges.map((badge) => (
          <option key={badge.id} value={badge.slug}>
            {badge.name}
          </option>
        ))}
      </SelectField>
      <div className="form__actions">
        <button type="submit" className="button button--small" disabled={loading || slug === ''}>
          {loading ? 'Awarding…' : 'Award badge'}
        </button>
        <button type="button" className="button button--small button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
