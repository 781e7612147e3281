import { graphql } from '../../gql/index.ts';

export const MyBadgesDocument = graphql(`
  query MyBadges {
    me {
      id
      badges {
        awardedAt
        badge {
          id
          slug
          name
          description
          iconUrl
        }
      }
    }
    badges {
      id
      slug
      name
      description
      iconUrl
    }
  }
`);
