import { z } from "zod";
import { getDb } from "@/server/db/client";
import { badRequest, conflict, notFound } from "@/server/errors";
import { generatePassword, hashPassword, MIN_PASSWORD_LENGTH } from "@/server/auth/password";
import { ROLES, type Role } from "@/server/auth/actor";

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{2,64}$/, "A username has 2-64 letters, digits, dots, dashes or underscores.");
export const passwordSchema = z.string().min(MIN_PASSWORD_LENGTH, `A password has at least ${MIN_PASSWORD_LENGTH} characters.`).max(256);
export const roleSchema = z.enum(ROLES, { message: `A role is one of: ${ROLES.join(", ")}.` });

const userSelect = {
  id: true,
  username: true,
  email: true,
  displayName: true,
  role: true,
  isActive: true,
  createdAt: true,
  lastLoginAt: true,
} as const;

export async function createUser(input: { username: string; password: string; role: Role; email?: string; displayName?: string }) {
  const username = usernameSchema.parse(input.username);
  passwordSchema.parse(input.password);
  roleSchema.parse(input.role);
  const db = await getDb();
  const taken = await db.user.findFirst({ where: { OR: [{ username }, ...(input.email ? [{ email: input.email }] : [])] } });
  if (taken) throw conflict(taken.username === username ? `The username "${username}" is taken.` : `The e-mail ${input.email} is taken.`);
  return db.user.create({
    data: {
      username,
      role: input.role,
      email: input.email || null,
      displayName: input.displayName || null,
      passwordHash: await hashPassword(input.password),
    },
    select: userSelect,
  });
}

/** Creates an account; without a password, one is generated and returned this once (only its hash is kept). */
export async function createUserAccount(input: { username: string; password?: string; role: Role; email?: string }) {
  const password = input.password ?? generatePassword();
  const user = await createUser({ ...input, password });
  return { user, generatedPassword: input.password === undefined ? password : null };
}

export async function listUsers() {
  const db = await getDb();
  return db.user.findMany({ select: userSelect, orderBy: { id: "asc" } });
}

async function requireUser(username: string) {
  const db = await getDb();
  const user = await db.user.findUnique({ where: { username } });
  if (!user) throw notFound(`No user named "${username}".`);
  return user;
}

export async function setUserRole(username: string, role: Role) {
  roleSchema.parse(role);
  const user = await requireUser(username);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    if (role !== "admin") {
      // Never leave the product without an administrator: nobody could recover tasks or fix roles.
      // The active admins' rows are locked, so two admins demoting each other at once take turns
      // and the second one sees the first one's change (and is refused).
      const admins = await tx.$queryRaw<Array<{ id: number }>>`SELECT id FROM users WHERE role = 'admin' AND is_active FOR UPDATE`;
      if (admins.length <= 1 && admins.some((a) => a.id === user.id)) {
        throw badRequest(`"${username}" is the last admin; make another user admin first.`);
      }
    }
    return tx.user.update({ where: { id: user.id }, data: { role }, select: userSelect });
  });
}

export async function setUserPassword(username: string, password: string) {
  passwordSchema.parse(password);
  const user = await requireUser(username);
  const db = await getDb();
  return db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) }, select: userSelect });
}
