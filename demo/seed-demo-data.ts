import type { PrismaClient } from "@/server/db/generated/client";
import { logger } from "@/server/logging/logger";

/** Demo cameras read the small frame folders shipped in demo/cameras (some healthy, some degraded). */
const DEMO_CAMERAS = [
  { name: "大厅-01", location: "一号楼大厅", sourceType: "image_folder", sourceUri: "demo/cameras/lobby" },
  { name: "走廊-02", location: "一号楼二层走廊", sourceType: "image_folder", sourceUri: "demo/cameras/corridor" },
  { name: "停车场-03", location: "地下停车场 B1", sourceType: "image_folder", sourceUri: "demo/cameras/parking" },
  { name: "大门-04", location: "东门", sourceType: "image_folder", sourceUri: "demo/cameras/gate" },
  { name: "仓库-05", location: "三号仓库", sourceType: "image_folder", sourceUri: "demo/cameras/warehouse" },
  { name: "入口-06", location: "访客入口", sourceType: "video_file", sourceUri: "demo/cameras/entrance.mp4" },
] as const;

const ALL_CHECKS = [
  "too_dark",
  "too_bright",
  "blur",
  "color_cast",
  "noise",
  "low_contrast",
  "occlusion",
  "signal_loss",
  "stripe",
  "freeze",
  "scene_change",
  "mosaic",
  "garbled",
  "shake",
];

const DEMO_TASKS = [
  { name: "大厅与走廊画质巡检", cameras: ["大厅-01", "走廊-02"], checks: ALL_CHECKS, intervalMinutes: 5 },
  { name: "停车场亮度检测", cameras: ["停车场-03"], checks: ["too_dark", "too_bright", "low_contrast"], intervalMinutes: 10 },
  { name: "出入口信号监测", cameras: ["大门-04", "入口-06"], checks: ["signal_loss", "freeze", "scene_change"], intervalMinutes: 2 },
  { name: "仓库遮挡与清晰度检测", cameras: ["仓库-05"], checks: ["occlusion", "blur", "noise"], cron: "0 * * * *" },
  { name: "全部摄像头手动巡检", cameras: DEMO_CAMERAS.map((c) => c.name), checks: ALL_CHECKS, manual: true },
];

/**
 * Loads the demo set into a database that has never had a camera or a task. Their id sequences tell
 * (a sequence is "called" once a row was inserted, even one deleted since), so whichever process
 * created the database, the first server start loads the demo, and a user who deleted every demo
 * camera and task does not get them back at the next restart.
 */
export async function seedDemoData(db: PrismaClient): Promise<void> {
  const [{ used }] = await db.$queryRaw<[{ used: boolean }]>`
    SELECT (SELECT is_called FROM cameras_id_seq) OR (SELECT is_called FROM diagnosis_tasks_id_seq) AS used`;
  if (used) return;
  const admin = await db.user.findFirst({ where: { role: "admin" }, orderBy: { id: "asc" } });
  await db.$transaction(async (tx) => {
    await tx.camera.createMany({ data: DEMO_CAMERAS.map((c) => ({ ...c })) });
    const cameras = await tx.camera.findMany({ select: { id: true, name: true } });
    const idOf = new Map(cameras.map((c) => [c.name, c.id]));
    for (const t of DEMO_TASKS) {
      const schedule =
        "manual" in t
          ? { scheduleType: "manual" as const }
          : "cron" in t
            ? { scheduleType: "cron" as const, cronExpression: t.cron }
            : { scheduleType: "interval" as const, intervalMinutes: t.intervalMinutes };
      await tx.diagnosisTask.create({
        data: {
          name: t.name,
          description: "演示任务",
          checks: t.checks,
          ...schedule,
          nextRunTime: "manual" in t ? null : new Date(),
          createdById: admin?.id,
          cameras: { create: t.cameras.map((name) => ({ cameraId: idOf.get(name)! })) },
        },
      });
    }
  });
  logger.info({ cameras: DEMO_CAMERAS.length, tasks: DEMO_TASKS.length }, "loaded demo data");
}
