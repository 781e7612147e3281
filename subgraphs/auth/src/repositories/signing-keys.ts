// Signing keys (signing_keys). Creation and rotation run under an advisory lock, so concurrent
// instances or a rotation during start-up never leave two active keys.
import type { JWK } from 'jose';
import type { Prisma } from '../generated/prisma/client.ts';
import type { Db } from '../db.ts';
import type { PublicJwk } from '../tokens/key-material.ts';

/** NOTIFY channel: key set changed, reload. */
export const SIGNING_KEYS_CHANNEL = 'auth_signing_keys';
const KEY_LOCK = 4_001_001;

/** A key as stored: privateJwk is the JWK in clear or its encrypted form (tokens/key-encryption.ts). */
export interface StoredKeyMaterial {
  kid: string;
  alg: string;
  publicJwk: PublicJwk;
  privateJwk: object;
}

export interface SigningKeyRow {
  kid: string;
  alg: string;
  publicJwk: JWK;
  /** As stored: open it with the KeyCipher. */
  privateJwk: unknown;
  createdAt: Date;
  retiredAt: Date | null;
  publishUntil: Date | null;
}

/** Keys still to publish at `now` (active, or retired but with tokens that may be unexpired), newest first. */
export async function listPublishedKeys(db: Db, now: Date): Promise<SigningKeyRow[]> {
  const rows = await db.signingKey.findMany({
    where: { OR: [{ publishUntil: null }, { publishUntil: { gt: now } }] },
    orderBy: { createdAt: 'desc' },
  });
  return rows.map((r) => ({ ...r, publicJwk: r.publicJwk as JWK }));
}

/** Creates a key when none is active; returns the active kid and whether it was created. */
export async function ensureActiveKey(db: Db, create: () => Promise<StoredKeyMaterial>): Promise<{ kid: string; created: boolean }> {
  const material = await create(); // generated outside the transaction; discarded if unused
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${KEY_LOCK})`;
    const active = await tx.signingKey.findFirst({ where: { retiredAt: null }, orderBy: { createdAt: 'desc' }, select: { kid: true } });
    if (active) return { kid: active.kid, created: false };
    await insertKey(tx, material);
    return { kid: material.kid, created: true };
  });
}

/**
 * Retires the active key(s) and makes `material` the signing key. Retired public keys stay
 * published for `publishForMs` (the longest life of a token they signed) and then drop out.
 */
export async function rotateKey(db: Db, material: StoredKeyMaterial, now: Date, publishForMs: number): Promise<{ kid: string; retired: string[] }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${KEY_LOCK})`;
    const active = await tx.signingKey.findMany({ where: { retiredAt: null }, select: { kid: true } });
    await tx.signingKey.updateMany({ where: { retiredAt: null }, data: { retiredAt: now, publishUntil: new Date(now.getTime() + publishForMs) } });
    await insertKey(tx, material);
    await tx.$executeRaw`SELECT pg_notify(${SIGNING_KEYS_CHANNEL}, '')`;
    return { kid: material.kid, retired: active.map((k) => k.kid) };
  });
}

/** Every key whose private JWK is still stored in clear (it has the secret member `d`). */
export async function listClearPrivateKeys(db: Db): Promise<Array<{ kid: string; privateJwk: unknown }>> {
  return db.$queryRaw<Array<{ kid: string; privateJwk: unknown }>>`
    SELECT kid, private_jwk AS "privateJwk" FROM signing_keys WHERE private_jwk ? 'd'`;
}

/** Replaces a clear private JWK with its encrypted form; a row already encrypted is left alone. */
export async function replaceClearPrivateKey(db: Db, kid: string, sealed: object): Promise<void> {
  await db.$executeRaw`
    UPDATE signing_keys SET private_jwk = ${JSON.stringify(sealed)}::jsonb WHERE kid = ${kid} AND private_jwk ? 'd'`;
}

async function insertKey(tx: Prisma.TransactionClient, material: StoredKeyMaterial): Promise<void> {
  await tx.signingKey.create({
    data: { kid: material.kid, alg: material.alg, publicJwk: { ...material.publicJwk }, privateJwk: { ...material.privateJwk } as Prisma.InputJsonObject },
  });
}
