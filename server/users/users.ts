import "server-only";
import { z } from "zod";
import { getDb } from "@/server/db/client";
import { conflict, notFound } from "@/server/errors";
import { generatePassword, hashPassword, MIN_PASSWORD_LENGTH } from "@/server/auth/password";
import { ROLES, type Role } from "@/shared/actor";
import { refuseRemovingLastAdmin } from "./last-admin";

export const usernameSchema = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9._-]{2,64}$/,
    "用户名由 2 到 64 个字母、数字、点、横线或下划线组成 (a username has 2-64 letters, digits, dots, dashes or underscores).",
  );
const passwordMessage = `密码至少 ${MIN_PASSWORD_LENGTH} 个字符、最多 256 个 (a password has at least ${MIN_PASSWORD_LENGTH} characters, at most 256).`;
export const passwordSchema = z.string({ error: passwordMessage }).min(MIN_PASSWORD_LENGTH, passwordMessage).max(256, passwordMessage);
export const roleSchema = z.enum(ROLES, { message: `角色必须是 ${ROLES.join("、")} 之一 (a role is one of: ${ROLES.join(", ")}).` });

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
  if (taken) {
    throw conflict(
      taken.username === username
        ? `用户名 "${username}" 已被使用 (the username "${username}" is taken).`
        : `电子邮件 ${input.email} 已被使用 (the e-mail ${input.email} is taken).`,
      { field: taken.username === username ? "username" : "email" },
    );
  }
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
  if (!user) throw notFound(`没有名为 "${username}" 的用户 (no user named "${username}").`);
  return user;
}

export async function setUserRole(username: string, role: Role) {
  roleSchema.parse(role);
  const user = await requireUser(username);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    if (role !== "admin") await refuseRemovingLastAdmin(tx, user);
    return tx.user.update({ where: { id: user.id }, data: { role }, select: userSelect });
  });
}

/** Disables or enables an account; a disabled one cannot sign in, and its sessions and tokens stop working. */
export async function setUserActive(username: string, active: boolean) {
  const user = await requireUser(username);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    if (!active) await refuseRemovingLastAdmin(tx, user);
    return tx.user.update({ where: { id: user.id }, data: { isActive: active }, select: userSelect });
  });
}

/**
 * Ends every session of the account at once (`easysight user sign-out-all`), e.g. after a laptop
 * was lost; the user signs in again. API tokens are separate credentials and keep working.
 */
export async function signOutEverywhere(username: string) {
  const user = await requireUser(username);
  const db = await getDb();
  return db.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } }, select: userSelect });
}

export async function setUserPassword(username: string, password: string) {
  passwordSchema.parse(password);
  const user = await requireUser(username);
  const db = await getDb();
  return db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) }, select: userSelect });
}
