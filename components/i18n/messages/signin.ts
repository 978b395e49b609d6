/** signin: Chinese (default) and English. */
export const signin = {
  "signin.title": { zh: "登录 EasySight", en: "Sign in to EasySight" },
  "signin.username": { zh: "用户名或邮箱", en: "Username or e-mail" },
  "signin.password": { zh: "密码", en: "Password" },
  "signin.submit": { zh: "登录", en: "Sign in" },
  "signin.submitting": { zh: "正在登录…", en: "Signing in…" },
  "signin.failed": { zh: "用户名或密码错误，请重试。", en: "Wrong username or password. Please try again." },
  "signin.error": { zh: "登录失败：{message}", en: "Sign-in failed: {message}" },
  "signin.rateLimited": {
    zh: "登录尝试过多，请 {minutes} 分钟后再试。",
    en: "Too many sign-in attempts. Please try again in {minutes} min.",
  },
  "signin.unavailable": { zh: "暂时无法登录，请稍后再试。", en: "Signing in is not possible right now. Please try again later." },
} as const;
