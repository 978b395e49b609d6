import { fillMessage } from "@/shared/fill-message";
import { admin } from "./messages/admin";
import { cameras } from "./messages/cameras";
import { executors } from "./messages/executors";
import { findings } from "./messages/findings";
import { recoveries } from "./messages/recoveries";
import { settings } from "./messages/settings";
import { common } from "./messages/common";
import { dashboard } from "./messages/dashboard";
import { layout } from "./messages/layout";
import { pageError } from "./messages/page-error";
import { recovery } from "./messages/recovery";
import { taskDetail } from "./messages/task-detail";
import { taskForm } from "./messages/task-form";
import { ui } from "./messages/ui";
import { signin } from "./messages/signin";
import { tasks } from "./messages/tasks";

/**
 * Every visible string, in Chinese (the default) and English, kept per area in ./messages/*.ts
 * (each entry holds both languages side by side, so a missing translation is a type error).
 * `{name}` placeholders are filled by t().
 */
export const LANGS = ["zh", "en"] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = "zh";
export const LANG_COOKIE = "easysight_lang";

export const MESSAGES = {
  ...common,
  ...signin,
  ...tasks,
  ...admin,
  ...cameras,
  ...executors,
  ...findings,
  ...recoveries,
  ...settings,
  ...ui,
  ...layout,
  ...pageError,
  ...recovery,
  ...dashboard,
  ...taskDetail,
  ...taskForm,
} satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof MESSAGES;
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** `{n}` is replaced by the value of n; `{n:task|tasks}` by the first word when n is 1, else the second (shared/fill-message.ts). */
export function translator(lang: Lang): Translate {
  return (key, vars) => fillMessage(MESSAGES[key][lang], vars);
}

export const isLang = (v: unknown): v is Lang => LANGS.includes(v as Lang);
