import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "@/server/config/env";
import { PrismaClient } from "@/server/db/generated/client";
import { embeddedDatabaseUrl } from "./embedded/embedded-url";

export type Db = PrismaClient;

interface DbHolder {
  db?: PrismaClient;
  pool?: pg.Pool;
}
// One client per process, kept on globalThis so that Next's module copies and dev hot reloads share it.
const holder = ((globalThis as { __easysightDb?: DbHolder }).__easysightDb ??= {});

/** The database this process talks to: DATABASE_URL, else the embedded PostgreSQL in DATA_DIR. */
export function databaseUrl(): string {
  return env.DATABASE_URL ?? embeddedDatabaseUrl();
}

/**
 * The process's database client. It only connects: starting the embedded server, migrating, the
 * admin account and demo data are done once by the process's entry point (server/process/open-database.ts)
 * before anything reads data.
 */
export async function getDb(): Promise<PrismaClient> {
  holder.db ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl(), max: 10 }) });
  return holder.db;
}

/**
 * A plain node-postgres pool on the same database, for the few hot reads where Prisma's per-row
 * mapping costs more than the query (the stuck check over 10k running tasks reads rows as arrays).
 */
export async function getPool(): Promise<pg.Pool> {
  holder.pool ??= new pg.Pool({ connectionString: databaseUrl(), max: 4 }).on("error", () => undefined);
  return holder.pool;
}

/** Closes this process's connections (the next getDb() opens new ones). */
export async function closeDb(): Promise<void> {
  const { db, pool } = holder;
  holder.db = undefined;
  holder.pool = undefined;
  await pool?.end();
  await db?.$disconnect();
}
