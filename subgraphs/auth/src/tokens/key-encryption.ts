// Private signing keys at rest. With SIGNING_KEY_ENCRYPTION_SECRET set, a row's private JWK is
// stored as AES-256-GCM ciphertext under a key derived with HKDF-SHA256 from the secret and a
// per-row salt; the kid is the additional authenticated data, so a ciphertext cannot be moved to
// another row. Rows stored in clear (before the secret was set) still load; KeyRing.init()
// re-encrypts them. Without the secret, keys are stored in clear, as before.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { JWK } from 'jose';

export const KEY_ENCRYPTION_VARIABLE = 'SIGNING_KEY_ENCRYPTION_SECRET';
const HKDF_INFO = 'tracklore auth signing key v1';

/** What an encrypted private_jwk column holds (base64url fields). */
export interface EncryptedJwk {
  enc: 'A256GCM';
  kdf: 'HKDF-SHA256';
  salt: string;
  iv: string;
  ct: string;
  tag: string;
}

export interface KeyCipher {
  /** Whether new and existing keys are stored encrypted. */
  readonly encrypts: boolean;
  /** The column value for a private JWK: encrypted when a secret is set, else the JWK itself. */
  seal(jwk: JWK, kid: string): EncryptedJwk | JWK;
  /** The private JWK from a column value, encrypted or in clear. Throws naming the variable if it cannot. */
  open(stored: unknown, kid: string): JWK;
}

export function isEncryptedJwk(stored: unknown): stored is EncryptedJwk {
  return typeof stored === 'object' && stored !== null && (stored as { enc?: unknown }).enc === 'A256GCM';
}

const deriveKey = (secret: string, salt: Buffer) => Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), salt, HKDF_INFO, 32));

export function createKeyCipher(secret: string | undefined): KeyCipher {
  return {
    encrypts: secret !== undefined,
    seal(jwk, kid) {
      if (secret === undefined) return jwk;
      const salt = randomBytes(16);
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', deriveKey(secret, salt), iv);
      cipher.setAAD(Buffer.from(kid, 'utf8'));
      const ct = Buffer.concat([cipher.update(JSON.stringify(jwk), 'utf8'), cipher.final()]);
      const b64 = (b: Buffer) => b.toString('base64url');
      return { enc: 'A256GCM', kdf: 'HKDF-SHA256', salt: b64(salt), iv: b64(iv), ct: b64(ct), tag: b64(cipher.getAuthTag()) };
    },
    open(stored, kid) {
      if (!isEncryptedJwk(stored)) return stored as JWK;
      if (secret === undefined) throw new Error(`signing key ${kid} is stored encrypted: set ${KEY_ENCRYPTION_VARIABLE} to the secret it was encrypted with`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', deriveKey(secret, Buffer.from(stored.salt, 'base64url')), Buffer.from(stored.iv, 'base64url'));
        decipher.setAAD(Buffer.from(kid, 'utf8'));
        decipher.setAuthTag(Buffer.from(stored.tag, 'base64url'));
        const plain = Buffer.concat([decipher.update(Buffer.from(stored.ct, 'base64url')), decipher.final()]);
        return JSON.parse(plain.toString('utf8')) as JWK;
      } catch {
        // GCM authentication failed: the wrong secret (or an altered row). Never echo key material.
        throw new Error(`cannot decrypt signing key ${kid}: ${KEY_ENCRYPTION_VARIABLE} is not the secret it was encrypted with`);
      }
    },
  };
}
