import type { ReactNode } from "react";

/** A page's title with its actions on the right; `id` lets the page's main section name itself after it. */
export function PageHeader({ id, title, subtitle, actions }: { id: string; title: ReactNode; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div className="page-header-text">
        <h1 id={id}>{title}</h1>
        {subtitle && <div className="muted page-subtitle">{subtitle}</div>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}
