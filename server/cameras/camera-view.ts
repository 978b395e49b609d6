import "server-only";
import type { Prisma } from "@/server/db/generated/client";

/**
 * The credentials are selected only to compute hasCredentials; toCameraView drops them, so no
 * listing, detail, API answer or CLI output can ever contain them.
 */
export const cameraViewSelect = {
  id: true,
  name: true,
  location: true,
  sourceType: true,
  sourceUri: true,
  grabTimeoutMs: true,
  rtspTransport: true,
  isActive: true,
  createdAt: true,
  updatedAt: true,
  sourceUsername: true,
  sourcePassword: true,
  _count: { select: { tasks: true } },
} satisfies Prisma.CameraSelect;

type Row = Prisma.CameraGetPayload<{ select: typeof cameraViewSelect }>;
export type CameraView = Omit<Row, "sourceUsername" | "sourcePassword" | "_count"> & { hasCredentials: boolean; taskCount: number };

export function toCameraView({ sourceUsername, sourcePassword, _count, ...camera }: Row): CameraView {
  return { ...camera, hasCredentials: sourceUsername !== null || sourcePassword !== null, taskCount: _count.tasks };
}
