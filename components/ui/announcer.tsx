"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";

type Tone = "ok" | "error" | "info";
type Announce = (message: string, tone?: Tone) => void;

const AnnouncerContext = createContext<Announce | null>(null);

/**
 * One polite live region for the whole app: results of actions ("成功重置 2 个卡住的任务") are read
 * out by screen readers and shown as a notice that floats over the page (so it shifts nothing) until
 * it is dismissed or replaced. The region is always in the DOM, or the first message would not be read.
 */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [notice, setNotice] = useState<{ message: string; tone: Tone; key: number } | null>(null);
  const announce = useCallback<Announce>((message, tone = "ok") => setNotice((n) => ({ message, tone, key: (n?.key ?? 0) + 1 })), []);
  const value = useMemo(() => announce, [announce]);
  return (
    <AnnouncerContext.Provider value={value}>
      {children}
      <div className="announcer" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
        {notice && (
          <div key={notice.key} className={`notice notice-${notice.tone}`}>
            <span>{notice.message}</span>
            <button type="button" className="notice-close" aria-label={t("ui.dismiss")} onClick={() => setNotice(null)}>
              ×
            </button>
          </div>
        )}
      </div>
    </AnnouncerContext.Provider>
  );
}

export function useAnnounce(): Announce {
  const announce = useContext(AnnouncerContext);
  if (!announce) throw new Error("useAnnounce must be used inside AnnouncerProvider");
  return announce;
}
