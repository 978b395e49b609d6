/** admin: pieces the console's pages share (the forbidden page, copying, ages). */
export const admin = {
  "admin.copied": { zh: "已复制", en: "Copied" },
  "admin.copyFailed": { zh: "无法访问剪贴板，请手动选择并复制。", en: "The clipboard is not available; select the text and copy it." },
  "admin.forbidden.title": { zh: "无权访问", en: "Access denied" },
  "admin.forbidden.body": {
    zh: "你的角色（{role}）无权打开此页面。如需访问，请联系管理员。",
    en: "Your role ({role}) may not open this page. Ask an administrator if you need access.",
  },
  "admin.forbidden.signedOut": { zh: "请先登录。", en: "Sign in first." },
  "admin.forbidden.back": { zh: "返回首页", en: "Back to the start page" },
  "age.seconds": { zh: "{n} 秒前", en: "{n} s ago" },
  "age.minutes": { zh: "{n} 分钟前", en: "{n} min ago" },
  "age.hours": { zh: "{n} 小时前", en: "{n} h ago" },
  "age.days": { zh: "{n} 天前", en: "{n} {n:day|days} ago" },
} as const;
