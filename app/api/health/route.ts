import { getDb } from "@/server/db/client";

/** Liveness for load balancers and monitors: public on purpose, and says nothing but up or down. */
export async function GET() {
  try {
    await (
      await getDb()
    ).$queryRaw`SELECT 1`;
    return Response.json({ status: "ok" });
  } catch {
    return Response.json({ status: "unavailable" }, { status: 503 });
  }
}
