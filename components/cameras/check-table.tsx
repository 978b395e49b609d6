"use client";

import { useI18n } from "@/components/i18n/i18n-provider";
import type { ResultCheck } from "@/server/results/result-view";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { findingLabel } from "./labels";

/** Every check of a result: fired or not, its score and its metric values (the metric names are the engine's). */
export function CheckTable({ checks }: { checks: ResultCheck[] }) {
  const { t, lang } = useI18n();
  if (checks.length === 0) return null;
  // + 0 turns -0 (a rounded tiny negative) into 0.
  const number = (n: number) => (n + 0).toLocaleString(lang === "zh" ? "zh-CN" : "en-GB", { maximumFractionDigits: 3 });
  return (
    <DataTable
      testId="check-table"
      className="adm-compact"
      label={t("camera.checks")}
      head={
        <>
          <th scope="col">{t("camera.check")}</th>
          <th scope="col">{t("camera.checkVerdict")}</th>
          <th scope="col">{t("camera.score")}</th>
          <th scope="col">{t("camera.metrics")}</th>
        </>
      }
    >
      {checks.map((check) => (
        <tr key={check.code} className={check.abnormal ? "adm-row-abnormal" : undefined}>
          <th scope="row">{findingLabel(t, check.code)}</th>
          <td>
            <Badge tone={check.abnormal ? "warning" : "ok"}>{check.abnormal ? t("camera.checkAbnormal") : t("camera.checkOk")}</Badge>
          </td>
          <td>{number(check.score)}</td>
          <td className="mono">
            <div className="adm-metrics">
              {Object.entries(check.metrics).map(([name, value]) => (
                <span key={name}>
                  {name} = {number(value)}
                </span>
              ))}
            </div>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
