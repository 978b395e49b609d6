"use client";

import type { ReactNode } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "./button";
import { Spinner } from "./spinner";

/** While a query loads: a spinner and a sentence, in a box as tall as what replaces it (`minHeight`). */
export function Loading({ minHeight = 120 }: { minHeight?: number }) {
  const { t } = useI18n();
  return (
    <div className="state" style={{ minHeight }} role="status">
      <Spinner />
      {t("ui.loading")}
    </div>
  );
}

/** A failed query: what went wrong and a retry button. */
export function ErrorState({ message, onRetry, minHeight = 120 }: { message: string; onRetry?: () => void; minHeight?: number }) {
  const { t } = useI18n();
  return (
    <div className="state state-error" style={{ minHeight }} role="alert" data-testid="error-state">
      <p>{t("ui.loadError", { message })}</p>
      {onRetry && <Button onClick={onRetry}>{t("ui.retry")}</Button>}
    </div>
  );
}

/** Nothing to show: a sentence and, optionally, what to do next. */
export function EmptyState({
  title,
  children,
  action,
  minHeight = 120,
}: {
  title: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  minHeight?: number;
}) {
  return (
    <div className="state" style={{ minHeight }} data-testid="empty-state">
      <p className="state-title">{title}</p>
      {children && <div className="muted">{children}</div>}
      {action}
    </div>
  );
}
