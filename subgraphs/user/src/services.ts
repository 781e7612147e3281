// What the domain functions work with: one object built at start, shared by every request.
import type { Logger } from '@tracklore/shared/logger';
import type { AuthClient } from './auth-client/auth-client.ts';
import type { Clock } from '@tracklore/shared/clock';
import type { ViewerAuth } from './auth-client/viewer.ts';
import type { Db } from './db.ts';

export interface UserServices {
  db: Db;
  auth: AuthClient;
  viewers: ViewerAuth;
  clock: Clock;
  logger: Logger;
}
