import "server-only";
import { z } from "zod";
import { getDb } from "@/server/db/client";
import { badRequest, conflict, notFound } from "@/server/errors";
import { idSchema } from "@/server/params/id";
import { FINDING_CODES } from "@/shared/finding-codes";
import { ACK_NOTE_MAX as NOTE_MAX } from "@/shared/parameter-limits";
import { actorColumns, type AuditActor } from "./audit-actor";
import { recordCameraAudit } from "./camera-audit";
import { cameraAcknowledgements, type AcknowledgementView } from "./open-acknowledgements";

export const acknowledgeInput = z.strictObject({
  cameraId: idSchema,
  /** The findings to acknowledge; default every open finding of the camera's newest result. */
  codes: z
    .array(z.enum(FINDING_CODES, { error: `未知的异常代码 (unknown finding code; known: ${FINDING_CODES.join(", ")}).` }))
    .min(1, "至少给出一个异常代码 (give at least one finding code).")
    .optional(),
  note: z
    .string({ error: "备注必须是文字 (the note must be text)." })
    .trim()
    .max(NOTE_MAX, `备注最多 ${NOTE_MAX} 个字符 (the note is at most ${NOTE_MAX} characters).`)
    .optional(),
});
export type AcknowledgeInput = z.input<typeof acknowledgeInput>;

/**
 * "已确认": records that `actor` took on the open findings of the camera's newest result (or the given
 * ones), with an optional note, and audits it. Each stays acknowledged until a later result shows the
 * camera normal again on that measure (the database ends it: see the finding_acknowledgements migration).
 * The camera's row is locked for the transaction, so two people acknowledging at once record each
 * finding once. Returns the acknowledgements in force afterwards.
 */
export async function acknowledgeFindings(raw: AcknowledgeInput, actor: AuditActor): Promise<Record<string, AcknowledgementView>> {
  const input = acknowledgeInput.parse(raw);
  const note = input.note || null;
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const [camera] = await tx.$queryRaw<
      Array<{ id: number; name: string }>
    >`SELECT id, name FROM cameras WHERE id = ${input.cameraId} FOR UPDATE`;
    if (!camera) throw notFound(`摄像头 ${input.cameraId} 不存在 (camera ${input.cameraId} does not exist).`);
    const latest = await tx.diagnosisResult.findFirst({
      where: { cameraId: camera.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, findings: true },
    });
    if (!latest?.findings.length)
      throw conflict(`摄像头“${camera.name}”当前没有异常可确认 (camera "${camera.name}" shows no findings to acknowledge).`);
    const unknown = (input.codes ?? []).filter((code) => !latest.findings.includes(code));
    if (unknown.length)
      throw badRequest(
        `摄像头“${camera.name}”当前没有这些异常：${unknown.join(", ")} (camera "${camera.name}" does not show ${unknown.join(", ")} now; it shows ${latest.findings.join(", ")}).`,
      );
    const open = await tx.findingAcknowledgement.findMany({ where: { cameraId: camera.id, endedAt: null }, select: { code: true } });
    const taken = new Set(open.map((a) => a.code));
    const codes = (input.codes ?? latest.findings).filter((code) => !taken.has(code));
    if (codes.length === 0) throw conflict(`这些异常已经确认过 (these findings of camera "${camera.name}" are already acknowledged).`);
    await tx.findingAcknowledgement.createMany({
      data: codes.map((code) => ({ cameraId: camera.id, code, resultId: latest.id, note, ...actorColumns(actor) })),
    });
    await recordCameraAudit(tx, camera, actor, "acknowledge", { codes, note });
  });
  return cameraAcknowledgements(input.cameraId);
}
