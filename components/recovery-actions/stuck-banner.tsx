"use client";

import { useI18n } from "@/components/i18n/i18n-provider";
import { useHasRole } from "@/components/auth/actor-provider";
import { Banner } from "@/components/ui/banner";
import { ButtonLink } from "@/components/ui/button";
import { ForceResetButton } from "./force-reset-button";
import { RecoverAllButton } from "./recover-all-button";
import { useStuckCheck } from "./use-stuck-check";

/**
 * The status check's verdict above the task list: "发现 N 个卡住的任务" with bulk recovery, or a quiet
 * all-clear. Both take the same reserved height, so the table never moves when the verdict changes.
 */
export function StuckBanner({ stuckHref }: { stuckHref: string }) {
  const { t } = useI18n();
  const isAdmin = useHasRole("admin");
  const check = useStuckCheck();
  const data = check.data;
  if (!data) return <div className="banner-slot" aria-hidden="true" />;
  const forceReset = isAdmin && data.total_running > 0 && <ForceResetButton />;
  return (
    <div className="banner-slot" data-testid="stuck-banner">
      {data.total_stuck > 0 ? (
        <Banner
          tone="warning"
          title={t("recovery.banner.title", { n: data.total_stuck })}
          actions={
            <>
              <ButtonLink href={stuckHref}>{t("recovery.showStuck")}</ButtonLink>
              {isAdmin && <RecoverAllButton />}
              {forceReset}
            </>
          }
        >
          {t("recovery.banner.body")}
        </Banner>
      ) : (
        <Banner tone="ok" title={t("recovery.banner.none")} actions={forceReset || undefined}>
          {t("recovery.banner.running", { n: data.total_running })}
        </Banner>
      )}
    </div>
  );
}
