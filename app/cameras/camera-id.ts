import { notFound } from "next/navigation";
import { parsePositiveId } from "@/shared/positive-id";

/** The camera id of a /cameras/[id] URL; anything that is not a positive id is a 404 page. */
export function cameraIdFromParam(raw: string): number {
  const id = parsePositiveId(raw);
  if (id === null) notFound();
  return id;
}
