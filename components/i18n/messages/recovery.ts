/** recovery: stuck tasks and their recovery, Chinese (default) and English. */
export const recovery = {
  "recovery.banner.title": { zh: "发现 {n} 个卡住的任务", en: "{n} stuck {n:task|tasks} found" },
  "recovery.banner.body": {
    zh: "数据库显示这些任务正在运行，但没有执行器在正常执行它们。恢复会把它们重置为等待中：按计划运行的任务在计划时间继续运行（卡住期间错过的一次会补跑一次）；仅手动的任务不会自动运行，需要时请点击立即运行。",
    en: "The database shows these tasks as running, but no executor is working on them properly. Recovery puts them back to pending: scheduled tasks resume at their schedule (a run missed while stuck runs once); manual-only tasks do not run again until someone clicks Run now.",
  },
  "recovery.banner.none": { zh: "未发现卡住的任务", en: "No stuck tasks" },
  "recovery.banner.running": { zh: "运行中任务 {n} 个", en: "{n} {n:task|tasks} running" },
  "recovery.showStuck": { zh: "查看卡住的任务", en: "Show stuck tasks" },
  "recovery.recoverAll": { zh: "全部恢复", en: "Recover all" },
  "recovery.all.title": { zh: "恢复 {n} 个卡住的任务？", en: "Recover {n} stuck tasks?" },
  "recovery.all.body": {
    zh: "以下 {n} 个卡住的任务将被重置为等待中，正在正常运行的任务不受影响：",
    en: "These {n} stuck tasks will be put back to pending; tasks running normally are not touched:",
  },
  "recovery.all.none": { zh: "目前没有卡住的任务。", en: "No task is stuck at the moment." },
  "recovery.all.confirm": { zh: "恢复 {n} 个任务", en: "Recover {n} {n:task|tasks}" },
  "recovery.named.more": { zh: "以及另外 {n} 个任务", en: "and {n} more" },
  "recovery.forceReset": { zh: "强制重置…", en: "Force reset…" },
  "recovery.force.title": { zh: "强制重置所有运行中的任务？", en: "Force-reset every running task?" },
  "recovery.force.body": {
    zh: "将把全部 {running} 个运行中的任务重置为等待中，包括没有卡住的任务。按计划运行的任务在计划时间继续运行；仅手动的任务不会自动运行。",
    en: "All {running} running tasks will be put back to pending, including those that are not stuck. Scheduled tasks resume at their schedule; manual-only tasks do not run again by themselves.",
  },
  "recovery.force.interrupts": {
    zh: "其中 {n} 个任务正在正常运行，会被中断。",
    en: "{n} of them are running normally and will be interrupted.",
  },
  "recovery.force.noneInterrupted": { zh: "目前没有正常运行的任务会被中断。", en: "No task that is running normally will be interrupted." },
  "recovery.force.confirm": { zh: "强制重置", en: "Force reset" },
  "recovery.recoverTask": { zh: "恢复任务", en: "Recover task" },
  "recovery.recoverTaskNamed": { zh: "恢复任务「{name}」", en: "Recover task “{name}”" },
  "recovery.forceTask": { zh: "强制恢复…", en: "Force recover…" },
  "recovery.forceTask.title": { zh: "强制恢复正在运行的任务？", en: "Force-recover a running task?" },
  "recovery.forceTask.body": {
    zh: "任务「{name}」没有卡住，正在正常运行。强制恢复会中断这次运行，并把任务重置为等待中。按计划运行的任务在计划时间继续运行；仅手动的任务不会自动运行。",
    en: "Task “{name}” is not stuck; it is running normally. Force recovery interrupts this run and puts the task back to pending. A scheduled task resumes at its schedule; a manual-only task does not run again by itself.",
  },
  "recovery.resetCount": { zh: "成功重置 {n} 个卡住的任务", en: "Reset {n} stuck tasks" },
  "recovery.taskRecovered": { zh: "任务 #{id} 已恢复，当前状态：{status}", en: "Task #{id} recovered; it is now {status}" },
} as const;
