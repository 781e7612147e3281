// Fixed-window counters in rate_limit_buckets: one upsert per attempt, atomic across instances.
import type { DbOrTx } from '../db.ts';
import type { RateLimitStore } from '../domain/rate-limit.ts';

export function rateLimitStore(db: DbOrTx): RateLimitStore {
  return {
    async increment(key, windowStart) {
      const rows = await db.$queryRaw<Array<{ count: number }>>`
        INSERT INTO rate_limit_buckets (key, window_start, count) VALUES (${key}, ${windowStart}, 1)
        ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_buckets.count + 1
        RETURNING count`;
      return rows[0]?.count ?? 1;
    },
    async decrement(key, windowStart) {
      await db.$executeRaw`
        UPDATE rate_limit_buckets SET count = GREATEST(count - 1, 0) WHERE key = ${key} AND window_start = ${windowStart}`;
    },
  };
}

/** Deletes windows that started before `before` (longer ago than the longest window). */
export async function deleteOldBuckets(db: DbOrTx, before: Date): Promise<number> {
  const result = await db.rateLimitBucket.deleteMany({ where: { windowStart: { lt: before } } });
  return result.count;
}

/** Deletes every window of these keys (an account's counters when the account is deleted). */
export async function deleteBuckets(db: DbOrTx, keys: readonly string[]): Promise<number> {
  const result = await db.rateLimitBucket.deleteMany({ where: { key: { in: [...keys] } } });
  return result.count;
}
