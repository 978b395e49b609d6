"use client";

import { useI18n } from "@/components/i18n/i18n-provider";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { Translate } from "@/components/i18n/messages";
import { isFindingCode } from "@/shared/finding-codes";
import type { Severity } from "@/shared/finding-severity";
import type { Verdict } from "@/server/results/result-view";

/** A finding code in the reader's language; a code this version does not know stays as stored. */
export const findingLabel = (t: Translate, code: string) => (isFindingCode(code) ? t(`finding.${code}`) : code);

const VERDICT_TONE: Record<Verdict, BadgeTone> = { ok: "ok", abnormal: "warning", error: "danger" };

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const { t } = useI18n();
  return (
    <Badge tone={VERDICT_TONE[verdict]} testId="verdict">
      {t(`verdict.${verdict}`)}
    </Badge>
  );
}

/** A camera's (or anything's) active switch as a label. */
export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useI18n();
  return <Badge tone={active ? "ok" : "muted"}>{active ? t("cameras.active") : t("cameras.inactive")}</Badge>;
}

const SEVERITY_TONE: Record<Severity, BadgeTone> = { warning: "warning", critical: "danger" };

/**
 * The findings of a result as small labels saying how bad each is (colour and word), or "no findings".
 * Findings someone acknowledged come last, greyed and marked 已确认, so the open ones stand out.
 */
export function FindingList({
  findings,
  severities,
  acknowledged = {},
}: {
  findings: string[];
  severities: Record<string, Severity>;
  acknowledged?: Record<string, unknown>;
}) {
  const { t } = useI18n();
  if (findings.length === 0) return <span className="muted">{t("finding.none")}</span>;
  const ordered = [...findings.filter((code) => !acknowledged[code]), ...findings.filter((code) => acknowledged[code])];
  return (
    <span className="finding-list">
      {ordered.map((code) => {
        const severity = severities[code] ?? "warning";
        const taken = Boolean(acknowledged[code]);
        return (
          <Badge
            key={code}
            tone={taken ? "muted" : SEVERITY_TONE[severity]}
            testId={taken ? "finding-acknowledged" : "finding"}
            severity={severity}
          >
            {findingLabel(t, code)} · {t(`severity.${severity}`)}
            {taken && ` · ${t("ack.acknowledged")}`}
          </Badge>
        );
      })}
    </span>
  );
}
