// Signing keys (signing_keys). Creation and rotation run under an advisory lock, so concurrent
// instances or a rotation during start-up never leave two active keys.
import type { JWK } from 'jose';
import type { Prisma } from '../generated/prisma/client.ts';
import type { Db } from '../db.ts';
import type { NewKeyMaterial } from '../tokens/key-material.ts';

/** NOTIFY channel: key set changed, reload. */
export const SIGNING_KEYS_CHANNEL = 'auth_signing_keys';
const KEY_LOCK = 4_001_001;

export interface SigningKeyRow {
  kid: string;
  alg: string;
  publicJwk: JWK;
  privateJwk: JWK;
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
  return rows.map((r) => ({ ...r, publicJwk: r.publicJwk as JWK, privateJwk: r.privateJwk as JWK }));
}

/** Creates a key when none is active; returns the active kid and whether it was created. */
export async function ensureActiveKey(db: Db, create: () => Promise<NewKeyMaterial>): Promise<{ kid: string; created: boolean }> {
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
export async function rotateKey(db: Db, material: NewKeyMaterial, now: Date, publishForMs: number): Promise<{ kid: string; retired: string[] }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${KEY_LOCK})`;
    const active = await tx.signingKey.findMany({ where: { retiredAt: null }, select: { kid: true } });
    await tx.signingKey.updateMany({ where: { retiredAt: null }, data: { retiredAt: now, publishUntil: new Date(now.getTime() + publishForMs) } });
    await insertKey(tx, material);
    await tx.$executeRaw`SELECT pg_notify(${SIGNING_KEYS_CHANNEL}, '')`;
    return { kid: material.kid, retired: active.map((k) => k.kid) };
  });
}

async function insertKey(tx: Prisma.TransactionClient, material: NewKeyMaterial): Promise<void> {
  await tx.signingKey.create({
    data: { kid: material.kid, alg: material.alg, publicJwk: { ...material.publicJwk }, privateJwk: { ...material.privateJwk } as Prisma.InputJsonObject },
  });
}
