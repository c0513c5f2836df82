/**
 * The two accounts the Binance connector tests (spot and USD-M) trade with on the loopback venue:
 * alice signs with HMAC-SHA256, bob with Ed25519 (his secret is the PEM private key, as the vault
 * stores it). Fresh keys for every set-up.
 */
import { newApiKey, newEd25519Key, type LoopbackApiKey } from './testSupport';

/** 2026-05-28: a real-looking epoch, so that timestamps read like Binance's. */
export const START_MS = 1_780_000_000_000;

export interface Credentials {
  apiKey: string;
  secret: string;
}

export interface AliceAndBob {
  alice: Credentials;
  bob: Credentials;
  /** What the venue knows of each one's key (its `accounts[].keys`). */
  aliceKeys: LoopbackApiKey[];
  bobKeys: LoopbackApiKey[];
}

export function aliceAndBob(): AliceAndBob {
  const alice = { apiKey: newApiKey(), secret: newApiKey() };
  const ed = newEd25519Key();
  const bob = { apiKey: newApiKey(), secret: ed.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
  return {
    alice,
    bob,
    aliceKeys: [{ apiKey: alice.apiKey, hmacSecret: alice.secret }],
    bobKeys: [{ apiKey: bob.apiKey, ed25519PublicKey: ed.publicKeyPem }],
  };
}
