// The keys this instance signs and verifies with, loaded from signing_keys. Reloaded when a
// rotation is announced (NOTIFY), on a slow timer, and when a token names an unknown kid, so
// every instance picks up a new key without a restart. Private keys stay inside this module and
// are stored through the KeyCipher (encrypted at rest when SIGNING_KEY_ENCRYPTION_SECRET is set).
import { systemClock, type Clock } from '@tracklore/shared/clock';
import { errors, type CryptoKey, type JWSHeaderParameters, type JWTVerifyGetKey } from 'jose';
import type { Db } from '../db.ts';
import { ensureActiveKey, listClearPrivateKeys, listPublishedKeys, replaceClearPrivateKey, rotateKey, type StoredKeyMaterial } from '../repositories/signing-keys.ts';
import type { SigningKeyHandle } from './access-token.ts';
import { createKeyCipher, type KeyCipher } from './key-encryption.ts';
import { generateKeyMaterial, importPrivateKey, importPublicKey, SIGNING_ALG, toPublicJwk, type PublicJwk } from './key-material.ts';

/** How long a retired key stays published beyond the token lifetime: reload lag plus clock skew. */
export const PUBLISH_GRACE_MS = 2 * 60_000;
/** Unknown-kid reloads happen at most this often, so junk tokens cannot hammer the database. */
const UNKNOWN_KID_RELOAD_MS = 10_000;

interface LoadedKey {
  kid: string;
  publicJwk: PublicJwk;
  publicKey: CryptoKey;
  publishUntil: Date | null;
}

export class KeyRing {
  private keys = new Map<string, LoadedKey>();
  private signing: SigningKeyHandle | undefined;
  private lastUnknownKidReload = 0;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
    private readonly cipher: KeyCipher = createKeyCipher(undefined),
  ) {}

  /** Encrypts keys still stored in clear (when a secret is set), creates the first key if none is active, then loads. */
  async init(): Promise<{ createdKid?: string; encrypted: number }> {
    const encrypted = await encryptClearKeys(this.db, this.cipher);
    const { kid, created } = await ensureActiveKey(this.db, () => newStoredKey(this.cipher));
    await this.reload();
    return created ? { createdKid: kid, encrypted } : { encrypted };
  }

  /** Reloads from the database; concurrent calls share one load. */
  reload(): Promise<void> {
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(): Promise<void> {
    const rows = await listPublishedKeys(this.db, this.clock.date());
    const keys = new Map<string, LoadedKey>();
    for (const row of rows) {
      const publicJwk = toPublicJwk(row.publicJwk, row.kid);
      const known = this.keys.get(row.kid);
      keys.set(row.kid, { kid: row.kid, publicJwk, publicKey: known?.publicKey ?? (await importPublicKey(publicJwk)), publishUntil: row.publishUntil });
    }
    const active = rows.find((r) => r.retiredAt === null);
    if (!active) throw new Error('no active signing key in signing_keys');
    const signing = this.signing?.kid === active.kid ? this.signing : { kid: active.kid, alg: SIGNING_ALG, privateKey: await importPrivateKey(this.cipher.open(active.privateJwk, active.kid)) };
    this.keys = keys;
    this.signing = signing;
  }

  /** The key new tokens are signed with. */
  signingKey(): SigningKeyHandle {
    if (!this.signing) throw new Error('KeyRing used before init()');
    return this.signing;
  }

  private isPublished(key: LoadedKey): boolean {
    return key.publishUntil === null || key.publishUntil.getTime() > this.clock.now();
  }

  /** The JWKS document: public members only, of keys still published. */
  jwks(): { keys: PublicJwk[] } {
    return { keys: [...this.keys.values()].filter((k) => this.isPublished(k)).map((k) => k.publicJwk) };
  }

  /** jose key resolver for verifying this service's own tokens. */
  readonly getKey: JWTVerifyGetKey = async (header: JWSHeaderParameters) => {
    if (header.alg !== SIGNING_ALG || typeof header.kid !== 'string') throw new errors.JWKSNoMatchingKey();
    let key = this.keys.get(header.kid);
    if (!key && this.clock.now() - this.lastUnknownKidReload > UNKNOWN_KID_RELOAD_MS) {
      this.lastUnknownKidReload = this.clock.now();
      await this.reload();
      key = this.keys.get(header.kid);
    }
    if (!key || !this.isPublished(key)) throw new errors.JWKSNoMatchingKey();
    return key.publicKey;
  };
}

/**
 * Makes a new key the signing key; the old public keys stay published until every token they
 * signed has expired (`accessTokenTtlSeconds` + grace). Running instances reload on the NOTIFY.
 */
export async function rotateSigningKey(
  db: Db,
  accessTokenTtlSeconds: number,
  now: Date,
  cipher: KeyCipher = createKeyCipher(undefined),
): Promise<{ kid: string; retired: string[]; publishRetiredUntil: Date }> {
  const publishForMs = accessTokenTtlSeconds * 1000 + PUBLISH_GRACE_MS;
  await encryptClearKeys(db, cipher);
  const result = await rotateKey(db, await newStoredKey(cipher), now, publishForMs);
  return { ...result, publishRetiredUntil: new Date(now.getTime() + publishForMs) };
}

async function newStoredKey(cipher: KeyCipher): Promise<StoredKeyMaterial> {
  const material = await generateKeyMaterial();
  return { ...material, privateJwk: cipher.seal(material.privateJwk, material.kid) };
}

/** With a secret set, re-stores every private key still in clear as ciphertext; returns how many. */
async function encryptClearKeys(db: Db, cipher: KeyCipher): Promise<number> {
  if (!cipher.encrypts) return 0;
  const clear = await listClearPrivateKeys(db);
  for (const row of clear) await replaceClearPrivateKey(db, row.kid, cipher.seal(cipher.open(row.privateJwk, row.kid), row.kid));
  return clear.length;
}
