import "server-only";
import { z } from "zod";
import { getDb } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";
import { containsText, searchTextSchema } from "@/server/params/name-search";
import { pageFields } from "@/server/params/pagination";
import { sourceTypeSchema } from "./camera-input";
import { cameraViewSelect, toCameraView, type CameraView } from "./camera-view";

export const listCamerasInput = z.strictObject({
  /** Part of the name, any case. */
  q: searchTextSchema.optional(),
  sourceType: sourceTypeSchema.optional(),
  active: z.boolean().optional(),
  ...pageFields(200, 50),
});
export type ListCamerasInput = z.input<typeof listCamerasInput>;

export interface CameraPage {
  items: CameraView[];
  total: number;
  page: number;
  pageSize: number;
}

/** Cameras by name, each with the number of tasks that use it. */
export async function listCameras(raw: ListCamerasInput = {}): Promise<CameraPage> {
  const input = listCamerasInput.parse(raw);
  const where: Prisma.CameraWhereInput = {
    ...(input.q ? { name: containsText(input.q) } : {}),
    ...(input.sourceType ? { sourceType: input.sourceType } : {}),
    ...(input.active === undefined ? {} : { isActive: input.active }),
  };
  const db = await getDb();
  const [rows, total] = await Promise.all([
    db.camera.findMany({
      where,
      select: cameraViewSelect,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
    }),
    db.camera.count({ where }),
  ]);
  return { items: rows.map(toCameraView), total, page: input.page, pageSize: input.pageSize };
}
