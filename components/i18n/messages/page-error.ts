/** page-error: what a page shows when it could not load (app/error.tsx, app/global-error.tsx). */
export const pageError = {
  "pageError.title": { zh: "页面无法加载", en: "This page could not be loaded" },
  "pageError.generic": {
    zh: "服务器出错了，详细信息在服务器日志中。",
    en: "Something went wrong on the server; the details are in the server log.",
  },
  "pageError.databaseTitle": { zh: "数据库暂时无法连接", en: "The database is unreachable" },
  "pageError.database": {
    zh: "服务器暂时连接不上数据库（它可能正在重启），请稍后重试。",
    en: "The server cannot reach its database at the moment (it may be restarting). Try again shortly.",
  },
  "pageError.retry": { zh: "重试", en: "Try again" },
} as const;
