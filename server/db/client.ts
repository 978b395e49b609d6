import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/server/db/generated/client";
import { prepareDatabase, type PreparedDatabase } from "./prepare-database";

export type Db = PrismaClient;

interface DbHolder {
  prepared?: Promise<{ db: PrismaClient; info: PreparedDatabase }>;
  pool?: pg.Pool;
}
// One client per process, kept on globalThis so that Next's module copies and dev hot reloads share it.
const holder = ((globalThis as { __easysightDb?: DbHolder }).__easysightDb ??= {});

export function createClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
}

async function open() {
  const info = await prepareDatabase(createClient);
  return { db: info.db, info };
}

/** The process's database client. The first call finds or starts the database and migrates it. */
export async function getDb(): Promise<PrismaClient> {
  holder.prepared ??= open().catch((err) => {
    holder.prepared = undefined;
    throw err;
  });
  return (await holder.prepared).db;
}

export async function getDatabaseInfo(): Promise<PreparedDatabase> {
  await getDb();
  return (await holder.prepared!).info;
}

/**
 * A plain node-postgres pool on the same database, for the few hot reads where Prisma's per-row
 * mapping costs more than the query (the stuck check over 10k running tasks reads rows as arrays).
 */
export async function getPool(): Promise<pg.Pool> {
  const { url } = await getDatabaseInfo();
  holder.pool ??= new pg.Pool({ connectionString: url, max: 4 }).on("error", () => undefined);
  return holder.pool;
}

/** Closes the client and, if this process started the embedded database and nobody else uses it, stops it. */
export async function closeDb(): Promise<void> {
  const prepared = holder.prepared;
  const pool = holder.pool;
  holder.prepared = undefined;
  holder.pool = undefined;
  await pool?.end();
  if (!prepared) return;
  const { db, info } = await prepared;
  await db.$disconnect();
  await info.release();
}
