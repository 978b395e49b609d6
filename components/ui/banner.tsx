import type { ReactNode } from "react";

export type BannerTone = "info" | "ok" | "warning" | "danger";

/** A page-wide notice with optional actions on the right. */
export function Banner({
  tone = "info",
  title,
  children,
  actions,
  testId,
}: {
  tone?: BannerTone;
  title: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
  testId?: string;
}) {
  return (
    <div className={`banner banner-${tone}`} data-testid={testId}>
      <span className="banner-icon" aria-hidden="true">
        {tone === "ok" ? "✓" : tone === "info" ? "i" : "!"}
      </span>
      <div className="banner-text">
        <strong>{title}</strong>
        {children && <div className="banner-body">{children}</div>}
      </div>
      {actions && <div className="banner-actions">{actions}</div>}
    </div>
  );
}
