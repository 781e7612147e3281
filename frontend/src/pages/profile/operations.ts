import { graphql } from '../../gql/index.ts';

export const MyProfileDocument = graphql(`
  query MyProfile {
    me {
      id
      email
      createdAt
      profile {
        displayName
        bio
        avatarUrl
        location
        updatedAt
      }
    }
  }
`);

export const UpdateProfileDocument = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      displayName
      bio
      avatarUrl
      location
      updatedAt
    }
  }
`);
