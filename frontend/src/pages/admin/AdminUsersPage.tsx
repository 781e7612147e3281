// The admin's list of accounts: email-prefix search, Next / Previous by cursor, and per account
// disable / enable and the badge award. Reached only through RequireAdmin; the server answers
// FORBIDDEN to anyone else in any case.
import { useState, type FormEvent } from 'react';
import { useQuery } from '@apollo/client/react';
import { AdminUsersDocument, BadgeCatalogDocument } from './operations.ts';
import { FIRST_PAGE, USERS_PAGE_SIZE, currentAfter, describeRange, nextPage, previousPage, type Paging } from './paging.ts';
import { UserRow } from './UserRow.tsx';
import { useSessionState } from '../../session/SessionContext.tsx';
import { formErrorsFrom } from '../../errors/apollo-errors.ts';
import { NO_ERRORS } from '../../errors/error-messages.ts';
import { InputField } from '../../ui/Field.tsx';
import { EmptyState, Loading, LoadError } from '../../ui/feedback.tsx';
import { usePageTitle } from '../../ui/usePageTitle.ts';

export function AdminUsersPage() {
  usePageTitle('Users');
  const [draft, setDraft] = useState('');
  // The search sent and the pages walked through for it; a new search starts at the first page.
  const [search, setSearch] = useState<{ query: string; paging: Paging }>({ query: '', paging: FIRST_PAGE });
  const result = useQuery(AdminUsersDocument, {
    variables: { first: USERS_PAGE_SIZE, after: currentAfter(search.paging), query: search.query === '' ? null : search.query },
  });
  const catalog = useQuery(BadgeCatalogDocument, { fetchPolicy: 'cache-first' });
  const session = useSessionState();
  const viewerId = session.status === 'signed-in' ? session.userId : null;
  const { data, loading, error, refetch } = result;
  const connection = data?.users;
  // A refused `query` (too long) belongs under the search field; anything else above the list.
  const errors = error ? formErrorsFrom(error, ['query']) : NO_ERRORS;

  function onSearch(event: FormEvent) {
    event.preventDefault();
    setSearch({ query: draft.trim(), paging: FIRST_PAGE });
  }

  return (
    <>
      <h1 tabIndex={-1}>Users</h1>
      <form role="search" className="form card search-form" onSubmit={onSearch} noValidate aria-label="Search users">
        <InputField
          label="Email starts with"
          type="search"
          name="query"
          autoComplete="off"
          spellCheck={false}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          error={errors.fields.query}
        />
        <div className="form__actions">
          <button type="submit" className="button">
            Search
          </button>
          {search.query !== '' ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setDraft('');
                setSearch({ query: '', paging: FIRST_PAGE });
              }}
            >
              Show everyone
            </button>
          ) : null}
        </div>
      </form>
      {loading && !connection ? <Loading label="Loading users…" /> : null}
      {error && !connection && errors.form.length > 0 ? <LoadError message={errors.form.join(' ')} onRetry={() => void refetch()} /> : null}
      {connection ? (
        <section aria-labelledby="users-range">
          <p id="users-range" className="users__range" aria-live="polite">
            {connection.totalCount === 0 ? 'No users' : describeRange(search.paging, connection.edges.length, connection.totalCount)}
            {search.query !== '' ? ` with an email starting “${search.query}”` : null}
          </p>
          {connection.totalCount === 0 ? (
            <EmptyState title={search.query === '' ? 'No accounts yet.' : 'No account matches this search.'} />
          ) : (
            <ul className="user-list" aria-label="Users">
              {connection.edges.map(({ node }) => (
                <li key={node.id}>
                  <UserRow user={node} isViewer={node.id === viewerId} badges={catalog.data?.badges ?? []} />
                </li>
              ))}
            </ul>
          )}
          <nav className="pager" aria-label="Pages of users">
            <button
              type="button"
              className="button button--secondary"
              disabled={search.paging.length === 1}
              onClick={() => setSearch({ ...search, paging: previousPage(search.paging) })}
            >
              Previous
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor}
              onClick={() => {
                const end = connection.pageInfo.endCursor;
                if (end) setSearch({ ...search, paging: nextPage(search.paging, end) });
              }}
            >
              Next
            </button>
          </nav>
        </section>
      ) : null}
    </>
  );
}
