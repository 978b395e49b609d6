import { restRoute } from "@/server/http/rest-route";
import { EXPORT_CONTENT_TYPE, exportAudits, exportFileName } from "@/server/recovery/audit/export-audits";
import { readExportParams } from "@/server/recovery/audit/export-params";

export const dynamic = "force-dynamic";

/**
 * GET /api/diagnosis/recoveries/export?format=csv|json&task_id=&q=&mode=&actor_type=&from=&to=
 * The recovery audit as a download, streamed batch by batch. Any signed-in role.
 */
export const GET = restRoute("viewer", async ({ req }) => {
  const { format, filter } = readExportParams(new URL(req.url).searchParams);
  const chunks = exportAudits(filter, format);
  // The first chunk (header and first batch) is read before answering, so a failing query is a JSON
  // error with its status rather than a 200 download that stops after the header line.
  const first = await chunks.next();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(encoder.encode(first.value ?? "")),
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "content-type": EXPORT_CONTENT_TYPE[format],
      "content-disposition": `attachment; filename="${exportFileName(format)}"`,
      "cache-control": "no-store",
    },
  });
});
