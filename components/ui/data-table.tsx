import type { ReactNode } from "react";

/** A scrollable data table: `head` holds the header cells, `children` the body rows. */
export function DataTable({
  head,
  children,
  className,
  testId,
  label,
}: {
  head: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
  label?: string;
}) {
  return (
    <div className="table-wrap">
      <table className={className ? `data-table ${className}` : "data-table"} data-testid={testId} aria-label={label}>
        <thead>
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
