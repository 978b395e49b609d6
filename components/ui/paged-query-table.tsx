"use client";

import type { ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { DataTable } from "./data-table";
import { Pagination, type PaginationProps } from "./pagination";
import { EmptyState, ErrorState, Loading } from "./query-states";

/** The shape of every paged list the API returns. */
export interface PagedData<TItem> {
  items: TItem[];
  total: number;
  page: number;
  pageSize: number;
}

interface PagedQueryTableProps<TData, TItem> {
  query: UseQueryResult<TData, { message: string }>;
  /** The rows of the loaded data. */
  items: (data: TData) => readonly TItem[];
  head: ReactNode;
  row: (item: TItem) => ReactNode;
  /** Shown instead of the table when there are no rows. */
  empty: { title: ReactNode; hint?: ReactNode };
  /** The pager under the table: how to reach another page (URL or local state) and its summary. */
  pager?: (data: TData) => PaginationProps;
  /** Shown above the rows (or the empty state) once the data has loaded: counts, tools. */
  above?: (data: TData) => ReactNode;
  minHeight?: number;
  testId?: string;
  className?: string;
}

/**
 * The frame every list of the console shares: a spinner while the query loads, the error with a
 * retry button, a sentence when there are no rows, else the table and its pager.
 */
export function PagedQueryTable<TData, TItem>({
  query,
  items,
  head,
  row,
  empty,
  pager,
  above,
  minHeight,
  testId,
  className,
}: PagedQueryTableProps<TData, TItem>) {
  if (query.isPending) return <Loading minHeight={minHeight} />;
  if (query.isError) return <ErrorState message={query.error.message} onRetry={() => void query.refetch()} minHeight={minHeight} />;
  const rows = items(query.data);
  return (
    <>
      {above?.(query.data)}
      {rows.length === 0 ? (
        <EmptyState title={empty.title} minHeight={minHeight}>
          {empty.hint}
        </EmptyState>
      ) : (
        <>
          <DataTable head={head} testId={testId} className={className}>
            {rows.map(row)}
          </DataTable>
          {pager && <Pagination {...pager(query.data)} />}
        </>
      )}
    </>
  );
}

/** The pager of a `PagedData` answer. */
export const pageOf = ({ page, pageSize, total }: PagedData<unknown>) => ({ page, pageSize, total });
