import "server-only";
import type { Prisma } from "./generated/client";

/**
 * The database's clock (the transaction's start, inside one). Times that executors compare with the
 * database's now(), like next_run_time, are computed from it: a web server whose clock is off would
 * otherwise schedule tasks early or late by that much.
 */
export async function databaseNow(db: Pick<Prisma.TransactionClient, "$queryRaw">): Promise<Date> {
  const [row] = await db.$queryRaw<[{ now: Date }]>`SELECT now() AS now`;
  return row.now;
}
