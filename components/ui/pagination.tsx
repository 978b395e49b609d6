"use client";

import Link from "next/link";
import { useI18n } from "@/components/i18n/i18n-provider";

export interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  /** The link to a page (URL state), or omit it and pass `onPage` (local state). */
  hrefFor?: (page: number) => string;
  onPage?: (page: number) => void;
  /** e.g. "共 120 个任务"; defaults to a plain count. */
  summary?: string;
}

/** Previous / page x of y / next. Unavailable directions stay in place, disabled, so nothing moves. */
export function Pagination({ page, pageSize, total, hrefFor, onPage, summary }: PaginationProps) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const step = (target: number, label: string, enabled: boolean) => {
    if (!enabled)
      return (
        <span className="btn btn-sm disabled" aria-disabled="true">
          {label}
        </span>
      );
    if (hrefFor)
      return (
        <Link className="btn btn-sm" href={hrefFor(target)} scroll={false}>
          {label}
        </Link>
      );
    return (
      <button type="button" className="btn btn-sm" onClick={() => onPage?.(target)}>
        {label}
      </button>
    );
  };
  return (
    <nav className="pager" aria-label={t("ui.pagination")}>
      <span className="pager-summary">{summary ?? t("ui.total", { total })}</span>
      {step(page - 1, t("ui.prev"), page > 1)}
      <span>{t("ui.page", { page, pages })}</span>
      {step(page + 1, t("ui.next"), page < pages)}
    </nav>
  );
}
