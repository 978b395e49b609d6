import "server-only";
import fs from "node:fs";
import path from "node:path";

/**
 * The contents of a generated secret kept in a file (DATA_DIR/auth-secret, DATA_DIR/secrets-key),
 * creating it with `generate()` on first use. Written aside, then hard-linked into place: link() fails
 * if the file exists, so when two processes start at once exactly one secret wins and nobody reads a
 * half-written file. Returned trimmed.
 */
export function readOrCreateSecretFile(file: string, generate: () => string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) {
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, generate() + "\n", { mode: 0o600 });
    try {
      fs.linkSync(temp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    } finally {
      fs.unlinkSync(temp);
    }
  }
  return fs.readFileSync(file, "utf8").trim();
}
