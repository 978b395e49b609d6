import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { getDb } from "@/server/db/client";
import { keyFile, previousKeysFile, secretsKeyring } from "./secrets-keyring";
import { openSecret, sealSecret } from "./seal-secret";

export interface RotationResult {
  /** Id of the key that now seals every camera password (never the key itself). */
  keyId: string;
  /** "file": a new key was generated into DATA_DIR; "SECRETS_KEY": the operator's new key was used. */
  source: "SECRETS_KEY" | "file";
  resealed: number;
}

/**
 * `easysight secrets rotate`. With the generated key file: a new key replaces it and the old one is
 * kept in secrets-key.previous, so that values sealed with it still open (in this and in running
 * processes) until every row is sealed again. With SECRETS_KEY: the operator sets the new key and
 * lists the old one in SECRETS_KEY_PREVIOUS. Either way every password is then sealed with the
 * current key in one transaction: a crash leaves all rows under the old key or all under the new.
 */
export async function rotateSecretsKey(): Promise<RotationResult> {
  const before = secretsKeyring({ reload: true });
  if (before.source === "file") {
    fs.appendFileSync(previousKeysFile(), before.current.key.toString("base64") + "\n", { mode: 0o600 });
    const temp = `${keyFile()}.${process.pid}.tmp`;
    fs.writeFileSync(temp, randomBytes(32).toString("base64") + "\n", { mode: 0o600 });
    fs.renameSync(temp, keyFile());
  }
  const ring = secretsKeyring({ reload: true });
  const db = await getDb();
  const resealed = await db.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<Array<{ id: number; source_password: string }>>`
        SELECT id, source_password FROM cameras WHERE source_password IS NOT NULL ORDER BY id FOR UPDATE`;
      for (const row of rows) {
        await tx.$executeRaw`UPDATE cameras SET source_password = ${sealSecret(openSecret(row.source_password), ring.current)} WHERE id = ${row.id}`;
      }
      return rows.length;
    },
    { timeout: 120_000 },
  );
  return { keyId: ring.current.id, source: ring.source, resealed };
}
