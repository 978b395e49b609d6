"use client";

import type { ReactNode } from "react";

type Dir = "asc" | "desc";

/**
 * A column header that sorts the list: a button inside the <th>, and aria-sort on the column that is
 * sorted. Clicking the sorted column reverses it; another column starts ascending.
 */
export function SortHeader({
  label,
  column,
  sort,
  dir,
  onSort,
  className,
}: {
  label: ReactNode;
  column: string;
  sort: string;
  dir: Dir;
  onSort(column: string, dir: Dir): void;
  className?: string;
}) {
  const active = sort === column;
  return (
    <th scope="col" className={className} aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(column, active && dir === "asc" ? "desc" : "asc")}>
        {label}
        <span className="sort-mark" aria-hidden="true">
          {active ? (dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </th>
  );
}
