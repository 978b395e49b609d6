/** layout: header and navigation, Chinese (default) and English. */
export const layout = {
  "nav.main": { zh: "主导航", en: "Main" },
  "nav.cameras": { zh: "摄像头", en: "Cameras" },
  "nav.recoveries": { zh: "恢复记录", en: "Recoveries" },
  "nav.executors": { zh: "执行器", en: "Executors" },
  "nav.settings": { zh: "系统设置", en: "Settings" },
  "nav.signedInAs": { zh: "当前用户", en: "Signed in as" },
} as const;
