import "server-only";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir, env, parseSecretsKey } from "@/server/config/env";
import { readOrCreateSecretFile } from "@/server/config/secret-file";

/** A key and its id: the first 8 hex digits of its SHA-256, stored with each sealed value to find the key again. */
export interface SecretsKey {
  id: string;
  key: Buffer;
}

export interface SecretsKeyring {
  /** Seals every new value. */
  current: SecretsKey;
  /** Every key that opens values: the current one and those it replaced. */
  byId: Map<string, Buffer>;
  /** Where the current key comes from (never the key itself). */
  source: "SECRETS_KEY" | "file";
}

export const keyFile = () => path.join(dataDir, "secrets-key");
/** Keys replaced by `easysight secrets rotate`, one per line, still accepted for reading. */
export const previousKeysFile = () => path.join(dataDir, "secrets-key.previous");

export const toSecretsKey = (key: Buffer): SecretsKey => ({ id: createHash("sha256").update(key).digest("hex").slice(0, 8), key });

let cached: SecretsKeyring | undefined;

/**
 * The keys that seal camera passwords. SECRETS_KEY wins (set the same one on every machine of a
 * cluster); otherwise a key is generated on first use into DATA_DIR/secrets-key and kept, like the
 * auth secret. `reload` reads the files again: another process may have rotated the key meanwhile.
 */
export function secretsKeyring(options: { reload?: boolean } = {}): SecretsKeyring {
  if (cached && !options.reload) return cached;
  const fromEnv = env.SECRETS_KEY ? parseSecretsKey(env.SECRETS_KEY) : null;
  const current = toSecretsKey(fromEnv ?? readOrCreateKeyFile());
  const previous = [...env.SECRETS_KEY_PREVIOUS, ...readLines(previousKeysFile())]
    .map(parseSecretsKey)
    .filter((key): key is Buffer => key !== null)
    .map(toSecretsKey);
  const byId = new Map([...previous, current].map((k) => [k.id, k.key]));
  return (cached = { current, byId, source: fromEnv ? "SECRETS_KEY" : "file" });
}

function readOrCreateKeyFile(): Buffer {
  const file = keyFile();
  const key = parseSecretsKey(readOrCreateSecretFile(file, () => randomBytes(32).toString("base64")));
  if (!key) {
    throw new Error(
      `${file} 中没有 32 字节的密钥（base64 或十六进制），请从备份恢复 (${file} does not hold a key of 32 bytes, base64 or hex; restore it from a backup).`,
    );
  }
  return key;
}

function readLines(file: string): string[] {
  try {
    return fs
      .readFileSync(file, "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
  } catch {
    return [];
  }
}
