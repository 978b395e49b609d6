import "server-only";
import { ALERT_METRICS, type AlertMetric } from "../alert-metrics";
import type { AlertNotification } from "../alert-notification";
import { formatValue } from "../message-template";
import type { NotificationLanguage } from "./channel";

/**
 * The words the robot and e-mail channels put around a rule's message, in the channel's language.
 * "EasySight" and 告警 are in every title, so a DingTalk robot whose security setting is a keyword
 * (自定义关键词) can be given either.
 */
const WORDS: Record<
  NotificationLanguage,
  { alert: string; test: string; firedAt: string; host: string; colon: string; metrics: Record<AlertMetric, string> }
> = {
  "zh-CN": {
    alert: "EasySight 告警",
    test: "EasySight 告警测试",
    firedAt: "触发时间",
    host: "主机",
    colon: "：",
    metrics: {
      stuck_tasks_count: "卡住的任务",
      running_tasks_count: "运行中的任务",
      recovered_tasks_count: "本轮恢复的任务",
      failed_by_cap_count: "本轮达到恢复上限而失败的任务",
      recoveries_last_hour: "近 1 小时的恢复次数",
      dead_executors_count: "失联的执行器",
      avg_runtime_minutes: "平均运行时长（分钟）",
      critical_findings_count: "严重异常",
      warning_findings_count: "警告异常",
    },
  },
  en: {
    alert: "EasySight alert",
    test: "EasySight alert test",
    firedAt: "Fired at",
    host: "Host",
    colon: ": ",
    metrics: {
      stuck_tasks_count: "Stuck tasks",
      running_tasks_count: "Running tasks",
      recovered_tasks_count: "Tasks recovered this cycle",
      failed_by_cap_count: "Tasks failed this cycle (recovery cap reached)",
      recoveries_last_hour: "Recoveries in the last hour",
      dead_executors_count: "Executors lost",
      avg_runtime_minutes: "Average runtime (minutes)",
      critical_findings_count: "Critical findings",
      warning_findings_count: "Warning findings",
    },
  },
};

/** "EasySight 告警：stuck_tasks" */
export function notificationTitle(n: AlertNotification, language: NotificationLanguage): string {
  const w = WORDS[language];
  return `${n.test ? w.test : w.alert}${w.colon}${n.alert}`;
}

/** The lines under the message: every metric (not for a test, whose values are not real), when and where it fired. */
function detailLines(n: AlertNotification, language: NotificationLanguage): string[] {
  const w = WORDS[language];
  const metrics = n.test ? [] : ALERT_METRICS.map((m) => `${w.metrics[m]}${w.colon}${formatValue(n.metrics[m])}`);
  return [...metrics, `${w.firedAt}${w.colon}${formatLocalTime(new Date(n.fired_at))}`, `${w.host}${w.colon}${n.host}`];
}

/** Plain text: DingTalk and WeCom text messages, the e-mail body. */
export function plainText(n: AlertNotification, language: NotificationLanguage): string {
  return [`【${notificationTitle(n, language)}】`, n.message, "", ...detailLines(n, language)].join("\n");
}

/** Markdown as both robots render it: a heading, the message in bold, the details as a list. */
export function markdownText(n: AlertNotification, language: NotificationLanguage): string {
  return [`### ${notificationTitle(n, language)}`, `**${n.message}**`, "", ...detailLines(n, language).map((l) => `- ${l}`)].join("\n");
}

/** "2026-12-07 11:31:04 UTC+8": the server's own time zone, said, because the reader may be elsewhere. */
export function formatLocalTime(d: Date): string {
  const local = new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
  const offset = -d.getTimezoneOffset();
  const zone = `UTC${offset < 0 ? "-" : "+"}${Math.floor(Math.abs(offset) / 60)}${Math.abs(offset) % 60 ? `:${String(Math.abs(offset) % 60).padStart(2, "0")}` : ""}`;
  return `${local.toISOString().slice(0, 19).replace("T", " ")} ${zone}`;
}
