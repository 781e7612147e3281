import { graphql } from '../../gql/index.ts';

export const AdminUserFieldsFragment = graphql(`
  fragment AdminUserFields on User {
    id
    email
    createdAt
    emailVerified
    roles
    disabled
    disabledReason
  }
`);

export const AdminUsersDocument = graphql(`
  query AdminUsers($first: Int!, $after: String, $query: String) {
    users(first: $first, after: $after, query: $query) {
      totalCount
      edges {
        cursor
        node {
          ...AdminUserFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const DisableUserDocument = graphql(`
  mutation DisableUser($id: ID!, $reason: String!) {
    disableUser(id: $id, reason: $reason) {
      ...AdminUserFields
    }
  }
`);

export const EnableUserDocument = graphql(`
  mutation EnableUser($id: ID!) {
    enableUser(id: $id) {
      ...AdminUserFields
    }
  }
`);

export const BadgeCatalogDocument = graphql(`
  query BadgeCatalog {
    badges {
      id
      slug
      name
    }
  }
`);

export const AwardBadgeDocument = graphql(`
  mutation AwardBadge($userId: ID!, $badgeSlug: String!) {
    awardBadge(userId: $userId, badgeSlug: $badgeSlug) {
      awardedAt
      badge {
        id
        name
      }
    }
  }
`);
