import "../support/use-own-database";
import { describe, expect, it } from "vitest";
import { POST as acknowledgeRoute } from "@/app/api/cameras/[id]/acknowledge/route";
import { collectAlertMetrics } from "@/server/alerts/alert-metrics";
import { statusSummary } from "@/server/dashboard/status-summary";
import { getDb } from "@/server/db/client";
import { acknowledgeFindings } from "@/server/findings/acknowledge-findings";
import type { AuditActor } from "@/server/findings/audit-actor";
import { listCameraAudit } from "@/server/findings/camera-audit";
import { cameraAcknowledgements } from "@/server/findings/open-acknowledgements";
import { latestResultsByCamera } from "@/server/results/latest-results";
import { call, tokenFor } from "../support/api-client";
import { createCamera } from "../support/fixtures";
import { addResult } from "../results/result-fixtures";

const operator: AuditActor = { type: "user", userId: null, tokenId: null, label: "op-1" };
const idle = { running: 0, stuck: 0, reset: 0, failed: 0, avgRuntimeMinutes: 0 };
const ackCodes = async (cameraId: number) => Object.keys(await cameraAcknowledgements(cameraId)).sort();

describe("acknowledging findings", () => {
  it("acknowledges the open findings with who, when and a note, audits it, and refuses to do it twice", async () => {
    const camera = await createCamera();
    await addResult(camera.id, { findings: ["blur", "color_cast"], scores: { blur: 0.6, color_cast: 0.9 } });
    const acks = await acknowledgeFindings({ cameraId: camera.id, note: "  镜头脏了，已派人清洁  " }, operator);
    expect(Object.keys(acks).sort()).toEqual(["blur", "color_cast"]);
    expect(acks.blur).toMatchObject({ actorLabel: "op-1", note: "镜头脏了，已派人清洁" });
    const [audit] = await listCameraAudit(camera.id);
    expect(audit).toMatchObject({ action: "acknowledge", actorLabel: "op-1", codes: ["blur", "color_cast"], note: "镜头脏了，已派人清洁" });
    expect((await latestResultsByCamera([camera.id])).get(camera.id)?.acknowledged.blur?.actorLabel).toBe("op-1");
    await expect(acknowledgeFindings({ cameraId: camera.id }, operator)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(acknowledgeFindings({ cameraId: camera.id, codes: ["noise"] }, operator)).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("an acknowledgement lasts while the finding persists; a different finding is open; once normal again the same finding is open", async () => {
    const camera = await createCamera();
    await addResult(camera.id, { findings: ["blur"], scores: { blur: 0.7 } });
    await acknowledgeFindings({ cameraId: camera.id }, operator);

    await addResult(camera.id, { findings: ["blur", "noise"], scores: { blur: 0.7, noise: 0.6 } });
    let latest = (await latestResultsByCamera([camera.id])).get(camera.id)!;
    expect(Object.keys(latest.acknowledged)).toEqual(["blur"]);
    // Another task that does not check blur says nothing about it: still acknowledged.
    await addResult(camera.id, { findings: ["too_dark"], scores: { too_dark: 0.6 } });
    // Blur hidden behind a root cause (its check still fired) is not "normal again" either.
    await addResult(camera.id, { findings: ["too_dark"], fired: ["too_dark", "blur"], scores: { too_dark: 0.6, blur: 0.8 } });
    expect(await ackCodes(camera.id)).toEqual(["blur"]);

    await addResult(camera.id, { findings: [], scores: { blur: 0.2 } });
    expect(await ackCodes(camera.id)).toEqual([]);
    await addResult(camera.id, { findings: ["blur"], scores: { blur: 0.7 } });
    latest = (await latestResultsByCamera([camera.id])).get(camera.id)!;
    expect(latest.acknowledged).toEqual({});
    expect(Object.keys(await acknowledgeFindings({ cameraId: camera.id }, operator))).toEqual(["blur"]);
  });

  it("offline stays acknowledged while grabs keep failing and ends with the first frame grabbed", async () => {
    const camera = await createCamera();
    await addResult(camera.id, { verdict: "error", findings: ["offline"] });
    await acknowledgeFindings({ cameraId: camera.id, codes: ["offline"] }, operator);
    await addResult(camera.id, { verdict: "error", findings: ["offline"] });
    expect(await ackCodes(camera.id)).toEqual(["offline"]);
    await addResult(camera.id, { findings: ["blur"], scores: { blur: 0.7 } });
    expect(await ackCodes(camera.id)).toEqual([]);
  });

  it("dashboard and alert metrics count open problems apart from acknowledged ones", async () => {
    const [taken, open] = [await createCamera(), await createCamera()];
    await addResult(taken.id, { findings: ["signal_loss"], scores: { signal_loss: 1 } });
    await addResult(open.id, { findings: ["blur"], scores: { blur: 0.6 } });
    const before = { summary: await statusSummary(), metrics: await collectAlertMetrics(idle) };
    await acknowledgeFindings({ cameraId: taken.id }, operator);
    const summary = await statusSummary();
    const metrics = await collectAlertMetrics(idle);
    expect(summary.camerasOpen).toBe(before.summary.camerasOpen - 1);
    expect(summary.camerasOpenCritical).toBe(before.summary.camerasOpenCritical - 1);
    expect(summary.camerasAcknowledged).toBe(before.summary.camerasAcknowledged + 1);
    expect(metrics.critical_findings_count).toBe(before.metrics.critical_findings_count - 1);
    expect(metrics.warning_findings_count).toBe(before.metrics.warning_findings_count);
  });

  it("POST /api/cameras/{id}/acknowledge: operators and admins; viewers 403; bad input 400 in both languages; the audit names the token", async () => {
    const camera = await createCamera();
    await addResult(camera.id, { findings: ["stripe"], scores: { stripe: 0.6 } });
    const [viewer, op] = [await tokenFor("viewer"), await tokenFor("operator")];
    const post = (token: string, body: unknown) =>
      call(acknowledgeRoute, `/api/cameras/${camera.id}/acknowledge`, {
        method: "POST",
        token,
        body: JSON.stringify(body),
        params: { id: String(camera.id) },
      });
    expect((await post(viewer.token, {})).status).toBe(403);
    const tooLong = await post(op.token, { note: "x".repeat(501) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.message).toMatch(/备注最多 500 个字符.*\(the note is at most 500/);
    expect((await post(op.token, { codes: ["nonsense"] })).status).toBe(400);
    expect((await post(op.token, { cdes: ["stripe"] })).status).toBe(400);
    const ok = await post(op.token, { codes: ["stripe"], note: "已知干扰" });
    expect(ok.status).toBe(200);
    expect(ok.body.acknowledged).toEqual([
      { code: "stripe", acknowledged_at: expect.any(String), acknowledged_by: expect.stringContaining(op.username), note: "已知干扰" },
    ]);
    expect((await post(op.token, {})).status).toBe(409);
    const db = await getDb();
    expect(await db.cameraAudit.count({ where: { cameraId: camera.id, actorType: "token" } })).toBe(1);
  });
});
