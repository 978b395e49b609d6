"use client";

import { useI18n } from "@/components/i18n/i18n-provider";
import { PageError } from "@/components/layout/page-error";

/** A page that failed to load (its layout rendered): says whether the database is unreachable. */
export default function PageFailed({ retry }: { retry: () => void }) {
  const { lang } = useI18n();
  return <PageError lang={lang} retry={retry} />;
}
