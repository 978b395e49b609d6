import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { getDb } from "@/server/db/client";
import { badRequest, notFound } from "@/server/errors";
import type { Actor, Role } from "@/shared/actor";

/**
 * API tokens for scripts and monitoring. A token is 32 random bytes, so a fast SHA-256 is enough to
 * store it (no guessing attack to slow down); only the hash and a short prefix are kept.
 */
const TOKEN_PREFIX = "es_";
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export interface TokenView {
  id: number;
  name: string;
  prefix: string;
  username: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

const tokenSelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  user: { select: { username: true } },
} as const;

const toView = ({ user, ...t }: { user: { username: string } } & Omit<TokenView, "username">): TokenView => ({
  ...t,
  username: user.username,
});

export async function createApiToken(input: { username: string; name: string; expiresInDays?: number }) {
  const name = input.name.trim();
  if (!name) throw badRequest("令牌需要一个说明用途的名称 (a token needs a name that says what uses it).");
  const db = await getDb();
  const user = await db.user.findUnique({ where: { username: input.username } });
  if (!user) throw notFound(`没有名为 "${input.username}" 的用户 (no user named "${input.username}").`);
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const row = await db.apiToken.create({
    data: { name, tokenHash: hashToken(token), prefix: token.slice(0, 10), userId: user.id, expiresAt },
    select: tokenSelect,
  });
  return { token, info: toView(row) };
}

export async function listApiTokens(filter: { username?: string } = {}): Promise<TokenView[]> {
  const db = await getDb();
  const rows = await db.apiToken.findMany({
    where: filter.username ? { user: { username: filter.username } } : {},
    select: tokenSelect,
    orderBy: { id: "asc" },
  });
  return rows.map(toView);
}

export async function revokeApiToken(id: number): Promise<TokenView> {
  const db = await getDb();
  const existing = await db.apiToken.findUnique({ where: { id }, select: tokenSelect });
  if (!existing) throw notFound(`没有 id 为 ${id} 的 API 令牌 (no API token with id ${id}).`);
  if (existing.revokedAt) return toView(existing);
  return toView(await db.apiToken.update({ where: { id }, data: { revokedAt: new Date() }, select: tokenSelect }));
}

/** The actor behind a bearer token, or null if it is unknown, revoked, expired or its user is disabled. */
export async function authenticateApiToken(token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const db = await getDb();
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  const now = new Date();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now) || !row.user.isActive) return null;
  // Record use at most once a minute: a monitoring script polling every second should not turn
  // every read into a write.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { type: "token", userId: row.userId, username: row.user.username, role: row.user.role as Role, tokenId: row.id };
}
