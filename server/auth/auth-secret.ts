import "server-only";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { dataDir, env } from "@/server/config/env";
import { readOrCreateSecretFile } from "@/server/config/secret-file";

let cached: string | undefined;

/**
 * The key that signs session cookies. NEXTAUTH_SECRET wins (required when several servers share
 * sessions); otherwise one is generated on first start into DATA_DIR/auth-secret and kept, so
 * sessions survive restarts and no default secret ever exists in the code.
 */
export function authSecret(): string {
  if (cached) return cached;
  if (env.NEXTAUTH_SECRET) return (cached = env.NEXTAUTH_SECRET);
  const file = path.join(dataDir, "auth-secret");
  return (cached = readOrCreateSecretFile(file, () => randomBytes(48).toString("base64url")));
}
