// Password hashing: argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane).
// Logins for unknown emails verify against a dummy hash of the same cost, so both take as long.
import { randomBytes } from 'node:crypto';
import { hash, parseOptions, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { normalisePassword } from './password-policy.ts';

const ARGON2ID = 2 as Algorithm; // Algorithm.Argon2id (a const enum, not importable under isolatedModules)

export const ARGON2_OPTIONS: Readonly<Options> = Object.freeze({ algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 });

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False (never a throw) for a wrong password or an unreadable hash. */
  verify(passwordHash: string, password: string): Promise<boolean>;
  /** True when the hash was made with other parameters than today's. */
  needsRehash(passwordHash: string): boolean;
  /** A hash of a random secret, made with today's parameters: verify unknown accounts against it. */
  readonly dummyHash: string;
}

export async function createArgon2Hasher(options: Readonly<Options> = ARGON2_OPTIONS): Promise<PasswordHasher> {
  const dummyHash = await hash(randomBytes(32).toString('base64url'), options);
  return {
    dummyHash,
    hash: (password) => hash(normalisePassword(password), options),
    async verify(passwordHash, password) {
      try {
        return await verify(passwordHash, normalisePassword(password));
      } catch {
        return false;
      }
    },
    needsRehash(passwordHash) {
      try {
        const used = parseOptions(passwordHash);
        return used.algorithm !== options.algorithm || used.memoryCost !== options.memoryCost || used.timeCost !== options.timeCost || used.parallelism !== options.parallelism;
      } catch {
        return true;
      }
    },
  };
}
