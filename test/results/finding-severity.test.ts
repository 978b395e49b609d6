import "../support/use-own-database";
import { describe, expect, it } from "vitest";
import { GET as cameraResultsRoute } from "@/app/api/cameras/[id]/results/route";
import { collectAlertMetrics } from "@/server/alerts/alert-metrics";
import { parseAlertRules } from "@/server/alerts/alert-rules";
import { evaluateCondition } from "@/server/alerts/condition";
import { renderMetrics } from "@/server/metrics/render-metrics";
import { listCameraResults } from "@/server/results/camera-results";
import { latestResultsByCamera } from "@/server/results/latest-results";
import { findingSeverity, worstSeverity } from "@/shared/finding-severity";
import { call, tokenFor } from "../support/api-client";
import { createCamera } from "../support/fixtures";
import { addResult } from "./result-fixtures";

const idle = { running: 0, stuck: 0, reset: 0, failed: 0, avgRuntimeMinutes: 0 };

describe("finding severity", () => {
  it("derivation: critical from a score of 0.75 up, warning below; offline and signal loss always critical", () => {
    expect(findingSeverity("blur", 0.5)).toBe("warning");
    expect(findingSeverity("blur", 0.749)).toBe("warning");
    expect(findingSeverity("blur", 0.75)).toBe("critical");
    expect(findingSeverity("color_cast", 1)).toBe("critical");
    expect(findingSeverity("too_dark", undefined)).toBe("warning");
    expect(findingSeverity("signal_loss", 0.5)).toBe("critical");
    expect(findingSeverity("offline", undefined)).toBe("critical");
    expect(worstSeverity(["warning", "critical"])).toBe("critical");
    expect(worstSeverity(["warning"])).toBe("warning");
    expect(worstSeverity([])).toBeNull();
  });

  it("results, the camera list, REST, metrics and alert conditions all carry the same severities", async () => {
    const [camera, offline, disabled] = [await createCamera(), await createCamera(), await createCamera({ isActive: false })];
    await addResult(camera.id, { findings: ["blur", "color_cast"], scores: { blur: 0.9, color_cast: 0.6, too_dark: 0.1 } });
    await addResult(offline.id, { verdict: "error", findings: ["offline"] });
    await addResult(disabled.id, { findings: ["noise"], scores: { noise: 0.95 } });

    const [result] = (await listCameraResults({ cameraId: camera.id })).items;
    expect(result.severities).toEqual({ blur: "critical", color_cast: "warning" });
    expect(result.severity).toBe("critical");
    const latest = await latestResultsByCamera([camera.id, offline.id]);
    expect(latest.get(camera.id)?.severities).toEqual({ blur: "critical", color_cast: "warning" });
    expect(latest.get(offline.id)?.severity).toBe("critical");

    const viewer = await tokenFor("viewer");
    const res = await call(cameraResultsRoute, `/api/cameras/${camera.id}/results?page_size=5`, {
      token: viewer.token,
      params: { id: String(camera.id) },
    });
    expect(res.status).toBe(200);
    expect(res.body.items[0].finding_severities).toEqual([
      { code: "blur", severity: "critical" },
      { code: "color_cast", severity: "warning" },
    ]);
    expect(res.body.items[0].severity).toBe("critical");
    const bad = await call(cameraResultsRoute, `/api/cameras/${camera.id}/results?page_size=x`, {
      token: viewer.token,
      params: { id: String(camera.id) },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/每页条数.*\(pageSize/);

    // The inactive camera's critical noise is not counted: nobody diagnoses it any more.
    const metrics = await collectAlertMetrics(idle);
    expect(metrics.critical_findings_count).toBe(2);
    expect(metrics.warning_findings_count).toBe(1);
    const [rule] = parseAlertRules(
      "alerts:\n  - name: critical_cameras\n    condition: critical_findings_count >= 2 and warning_findings_count < 5\n    message: '{{ critical_findings_count }} 个严重异常'\n    actions: [send_notification]\n",
      "test.yaml",
    );
    expect(evaluateCondition(rule.condition, metrics)).toBe(true);
    expect(evaluateCondition(rule.condition, { ...metrics, critical_findings_count: 1 })).toBe(false);

    const { text } = await renderMetrics();
    expect(text).toContain('easysight_camera_findings{code="blur",severity="critical",state="open"} 1');
    expect(text).toContain('easysight_camera_findings{code="color_cast",severity="warning",state="open"} 1');
    expect(text).toContain('easysight_camera_findings{code="offline",severity="critical",state="open"} 1');
    expect(text).toContain('easysight_camera_findings{code="noise",severity="critical",state="open"} 0');
  });
});
