// Ed25519 key pairs as JWKs: what a signing_keys row holds. The kid is the RFC 7638 thumbprint,
// so a kid always names exactly one public key.
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

export const SIGNING_ALG = 'EdDSA' as const;

export interface PublicJwk extends JWK {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: typeof SIGNING_ALG;
  use: 'sig';
}

export interface NewKeyMaterial {
  kid: string;
  alg: typeof SIGNING_ALG;
  publicJwk: PublicJwk;
  /** Contains the secret `d`: never log it or send it anywhere. */
  privateJwk: JWK;
}

export async function generateKeyMaterial(): Promise<NewKeyMaterial> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { crv: 'Ed25519', extractable: true });
  const pub = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(pub);
  const publicJwk: PublicJwk = { kty: 'OKP', crv: 'Ed25519', x: String(pub.x), kid, alg: SIGNING_ALG, use: 'sig' };
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), kid, alg: SIGNING_ALG };
  return { kid, alg: SIGNING_ALG, publicJwk, privateJwk };
}

/** Only the public members, whatever the stored object holds. */
export function toPublicJwk(stored: JWK, kid: string): PublicJwk {
  return { kty: 'OKP', crv: 'Ed25519', x: String(stored.x), kid, alg: SIGNING_ALG, use: 'sig' };
}

export async function importPublicKey(jwk: JWK): Promise<CryptoKey> {
  return (await importJWK(jwk, SIGNING_ALG)) as CryptoKey;
}

export async function importPrivateKey(jwk: JWK): Promise<CryptoKey> {
  return (await importJWK(jwk, SIGNING_ALG)) as CryptoKey;
}
