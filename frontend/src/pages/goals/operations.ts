import { graphql } from '../../gql/index.ts';

export const GoalFieldsFragment = graphql(`
  fragment GoalFields on LearningGoal {
    id
    title
    description
    status
    progress
    targetDate
    createdAt
    updatedAt
  }
`);

export const MyGoalsDocument = graphql(`
  query MyGoals($status: GoalStatus) {
    me {
      id
      goals(status: $status) {
        ...GoalFields
      }
    }
  }
`);

export const CreateGoalDocument = graphql(`
  mutation CreateGoal($input: CreateGoalInput!) {
    createGoal(input: $input) {
      ...GoalFields
    }
  }
`);

export const UpdateGoalDocument = graphql(`
  mutation UpdateGoal($id: ID!, $input: UpdateGoalInput!) {
    updateGoal(id: $id, input: $input) {
      ...GoalFields
    }
  }
`);

export const DeleteGoalDocument = graphql(`
  mutation DeleteGoal($id: ID!) {
    deleteGoal(id: $id)
  }
`);
