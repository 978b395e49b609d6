"use client";

import { useEffect, useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { STATUSES } from "./task-list-params";

interface TaskFiltersProps {
  params: { get(name: string): string | null };
  update(changes: Record<string, string | null>): void;
}

/**
 * Status, activation, stuck-only and name search; every change goes into the URL. The controls keep
 * their own state, seeded from the URL, so they answer at once while the URL (a transition) follows.
 */
export function TaskFilters({ params, update }: TaskFiltersProps) {
  const { t } = useI18n();
  const [values, setValues] = useState(() => ({
    q: params.get("q") ?? "",
    status: params.get("status") ?? "",
    active: params.get("active") ?? "",
    stuck: params.get("stuck") === "1",
  }));
  const urlQuery = params.get("q") ?? "";
  const [urlStatus, urlActive, urlStuck] = [params.get("status") ?? "", params.get("active") ?? "", params.get("stuck") === "1"];
  // Links elsewhere on the page (e.g. 查看卡住的任务) change the URL too; the controls follow. Adjusted
  // while rendering (React's pattern for state derived from changed props), not in an effect.
  const urlChoice = `${urlStatus}|${urlActive}|${urlStuck}`;
  const [seenChoice, setSeenChoice] = useState(urlChoice);
  if (seenChoice !== urlChoice) {
    setSeenChoice(urlChoice);
    setValues((v) => ({ ...v, status: urlStatus, active: urlActive, stuck: urlStuck }));
  }
  // Typing updates the URL after a short pause instead of on every key.
  useEffect(() => {
    if (values.q.trim() === urlQuery) return;
    const timer = setTimeout(() => update({ q: values.q.trim() || null }), 350);
    return () => clearTimeout(timer);
  }, [values.q, urlQuery, update]);
  const change = (name: "status" | "active", value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    update({ [name]: value || null });
  };

  return (
    <form
      className="filters"
      role="search"
      aria-label={t("tasks.filters")}
      onSubmit={(e) => {
        e.preventDefault();
        update({ q: values.q.trim() || null });
      }}
    >
      <label className="filter">
        <span>{t("tasks.filter.search")}</span>
        <input
          type="search"
          value={values.q}
          placeholder={t("tasks.filter.searchPlaceholder")}
          onChange={(e) => setValues((v) => ({ ...v, q: e.target.value }))}
        />
      </label>
      <label className="filter">
        <span>{t("tasks.filter.status")}</span>
        <select value={values.status} onChange={(e) => change("status", e.target.value)}>
          <option value="">{t("tasks.filter.allStatuses")}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>{t("tasks.filter.active")}</span>
        <select value={values.active} onChange={(e) => change("active", e.target.value)}>
          <option value="">{t("tasks.filter.allActive")}</option>
          <option value="true">{t("tasks.filter.activeOnly")}</option>
          <option value="false">{t("tasks.filter.inactiveOnly")}</option>
        </select>
      </label>
      <label className="filter filter-check">
        <input
          type="checkbox"
          checked={values.stuck}
          onChange={(e) => {
            const stuck = e.target.checked;
            setValues((v) => ({ ...v, stuck }));
            update({ stuck: stuck ? "1" : null });
          }}
        />
        <span>{t("tasks.filter.stuckOnly")}</span>
      </label>
    </form>
  );
}
