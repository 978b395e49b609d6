/** common: Chinese (default) and English. */
export const common = {
  "app.name": { zh: "EasySight 视频诊断", en: "EasySight Diagnosis" },
  "nav.dashboard": { zh: "概览", en: "Dashboard" },
  "nav.tasks": { zh: "诊断任务", en: "Tasks" },
  "nav.signOut": { zh: "退出登录", en: "Sign out" },
  "nav.language": { zh: "English", en: "中文" },
  "role.admin": { zh: "管理员", en: "Admin" },
  "role.operator": { zh: "操作员", en: "Operator" },
  "role.viewer": { zh: "观察员", en: "Viewer" },
  "notFound.title": { zh: "页面不存在", en: "Page not found" },
  "notFound.task": { zh: "任务不存在或已被删除。", en: "This task does not exist or was deleted." },
  "notFound.back": { zh: "返回任务列表", en: "Back to tasks" },
  "common.none": { zh: "—", en: "—" },
} as const;
