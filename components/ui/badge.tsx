import type { ReactNode } from "react";

export type BadgeTone = "neutral" | "info" | "ok" | "danger" | "warning" | "muted";

/** A short coloured label (status, verdict, finding). The colour repeats what the text says, never replaces it. */
export function Badge({
  tone = "neutral",
  title,
  children,
  testId,
  severity,
}: {
  tone?: BadgeTone;
  title?: string;
  children: ReactNode;
  testId?: string;
  /** A finding's severity, for tests and scripts reading the page (the text says it to people). */
  severity?: string;
}) {
  return (
    <span className={`badge badge-${tone}`} title={title} data-testid={testId} data-severity={severity}>
      {children}
    </span>
  );
}
