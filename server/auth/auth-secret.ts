import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir, env } from "@/server/config/env";

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
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(file)) {
    // Written aside, then hard-linked into place: link() fails if the file exists, so when two
    // processes start at once exactly one secret wins and nobody reads a half-written file.
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, randomBytes(48).toString("base64url") + "\n", { mode: 0o600 });
    try {
      fs.linkSync(temp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    } finally {
      fs.unlinkSync(temp);
    }
  }
  return (cached = fs.readFileSync(file, "utf8").trim());
}
