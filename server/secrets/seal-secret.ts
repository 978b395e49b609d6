import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { secretsKeyring, type SecretsKey } from "./secrets-keyring";

/**
 * Secrets at rest (camera passwords): AES-256-GCM, stored as `v1:<key id>:<base64url of iv|tag|data>`.
 * The prefix tells a sealed value from plaintext written by older versions, which is still read as it
 * is until the start-up step seals it (seal-camera-passwords.ts).
 */
const PREFIX = "v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Binds a sealed value to what it is: a value copied into another column does not open there. */
const PURPOSE = Buffer.from("easysight camera source password");

export const isSealed = (stored: string) => stored.startsWith(PREFIX);

export function sealSecret(plain: string, key: SecretsKey = secretsKeyring().current): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key.key, iv).setAAD(PURPOSE);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${PREFIX}${key.id}:${Buffer.concat([iv, cipher.getAuthTag(), data]).toString("base64url")}`;
}

/** The plaintext of a stored value (plaintext rows of older versions as they are); throws if no key opens it. */
export function openSecret(stored: string): string {
  if (!isSealed(stored)) return stored;
  const [id, payload] = stored.slice(PREFIX.length).split(":");
  // A key id this process does not know: another process may have rotated the key since we read it.
  const key = secretsKeyring().byId.get(id) ?? secretsKeyring({ reload: true }).byId.get(id);
  if (!key) throw new Error(`a camera password is sealed with key ${id}, which is neither SECRETS_KEY nor a previous key`);
  const bytes = Buffer.from(payload ?? "", "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES)).setAAD(PURPOSE);
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
}

/** Whether a stored value is sealed with the current key (what rotation leaves behind). */
export const sealedWithCurrentKey = (stored: string) => stored.startsWith(`${PREFIX}${secretsKeyring().current.id}:`);
