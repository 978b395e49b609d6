import { notFound } from "next/navigation";

/** The camera id of a /cameras/[id] URL; anything that is not a positive id is a 404 page. */
export function cameraIdFromParam(raw: string): number {
  const id = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) notFound();
  return id;
}
