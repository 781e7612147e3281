import { DateTime } from './scalars.ts';
import { Mutation } from './mutation.ts';
import { Query } from './query.ts';
import { User } from './user.ts';

export const resolvers = { DateTime, User, Query, Mutation };
