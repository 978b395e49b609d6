import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { randomBytes } from "node:crypto";

// Argon2id with the library's defaults (19 MiB, 2 passes): deliberately slow for offline guessing.
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash never signs anyone in
  }
}

/** A random password that is easy to copy from a terminal: 20 characters of base64url. */
export const generatePassword = () => randomBytes(15).toString("base64url");

export const MIN_PASSWORD_LENGTH = 8;
