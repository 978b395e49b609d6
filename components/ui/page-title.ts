import type { Metadata } from "next";
import { getTranslator } from "@/components/i18n/server";
import type { MessageKey } from "@/components/i18n/messages";

/** The browser tab's title for a page, in the reader's language. */
export async function pageTitle(key: MessageKey): Promise<Metadata> {
  const t = await getTranslator();
  return { title: `${t(key)} · ${t("app.name")}` };
}
