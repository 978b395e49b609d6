/**
 * Where a run is: camera `index` (1-based) of `total`, which camera, and what it is doing with it
 * since `phaseAt`. The executor writes it with the run's heartbeat; the console shows it as a progress
 * bar and i/N, and a stuck or reset run's reason says where it stopped. Shared by server and browser.
 */
export const RUN_PHASES = ["grabbing", "analysing", "saving"] as const;
export type RunPhase = (typeof RUN_PHASES)[number];

export const isRunPhase = (value: unknown): value is RunPhase => RUN_PHASES.includes(value as RunPhase);

export interface RunProgress {
  index: number;
  total: number;
  cameraId: number;
  cameraName: string;
  phase: RunPhase;
  phaseAt: Date;
}

const PHASE_ZH: Record<RunPhase, string> = { grabbing: "抓取「{c}」画面", analysing: "分析「{c}」画面", saving: "保存「{c}」的结果" };
const PHASE_EN: Record<RunPhase, string> = {
  grabbing: "grabbing a frame from “{c}”",
  analysing: "analysing the frame of “{c}”",
  saving: "saving the result of “{c}”",
};

/**
 * Where a run stopped, as one sentence in the API's bilingual form, e.g.
 * "在抓取「大门-04」画面时中断（第 3/10 个摄像头），已等待 28 分钟 (stopped while grabbing a frame
 * from “大门-04” (camera 3 of 10), waiting for 28 min)". For the API, the logs and the audit's CSV;
 * the console builds the same sentence in the reader's language from the codes.
 */
export function whereStoppedSentence(p: Pick<RunProgress, "index" | "total" | "cameraName" | "phase">, waitedMinutes: number) {
  const minutes = Math.max(0, Math.floor(waitedMinutes));
  const zh = PHASE_ZH[p.phase].replace("{c}", p.cameraName);
  const en = PHASE_EN[p.phase].replace("{c}", p.cameraName);
  return (
    `在${zh}时中断（第 ${p.index}/${p.total} 个摄像头），已等待 ${minutes} 分钟 ` +
    `(stopped while ${en} (camera ${p.index} of ${p.total}), waiting for ${minutes} min)`
  );
}
