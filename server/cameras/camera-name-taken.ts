import "server-only";
import { Prisma } from "@/server/db/generated/client";
import { conflict } from "@/server/errors";

/**
 * The unique index on the name decides, not a prior lookup (two people can add the same name at
 * once). A violation becomes a CONFLICT sentence; anything else is passed on unchanged.
 */
export function explainNameTaken(err: unknown, name: string | undefined): unknown {
  const unique = err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";
  return unique && name ? conflict(`名为 "${name}" 的摄像头已存在 (a camera named "${name}" already exists).`, { field: "name" }) : err;
}
