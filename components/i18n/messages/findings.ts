/** findings: check and finding codes of the diagnosis engine, Chinese (default) and English. */
export const findings = {
  "finding.too_dark": { zh: "过暗", en: "Too dark" },
  "finding.too_bright": { zh: "过亮", en: "Too bright" },
  "finding.blur": { zh: "模糊", en: "Blur" },
  "finding.color_cast": { zh: "偏色", en: "Colour cast" },
  "finding.noise": { zh: "噪声/雪花", en: "Noise" },
  "finding.low_contrast": { zh: "对比度低", en: "Low contrast" },
  "finding.occlusion": { zh: "遮挡", en: "Occlusion" },
  "finding.signal_loss": { zh: "信号丢失", en: "Signal loss" },
  "finding.stripe": { zh: "条纹干扰", en: "Stripes" },
  "finding.freeze": { zh: "画面冻结", en: "Frozen picture" },
  "finding.scene_change": { zh: "场景变化", en: "Scene change" },
  "finding.offline": { zh: "离线", en: "Offline" },
  "finding.none": { zh: "无异常", en: "No findings" },
  "verdict.ok": { zh: "正常", en: "OK" },
  "verdict.abnormal": { zh: "异常", en: "Abnormal" },
  "verdict.error": { zh: "出错", en: "Error" },
} as const;
