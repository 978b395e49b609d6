"use client";

import Form from "next/form";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button, ButtonLink } from "@/components/ui/button";
import { ACTOR_LABELS, MODE_LABELS, type AuditUrlFilters } from "./audit-params";

/** The audit filters as a GET form: applying them changes the URL, so a filtered view can be shared. */
export function AuditFilters({ filters }: { filters: AuditUrlFilters }) {
  const { t } = useI18n();
  const filtered = Object.values(filters).some(Boolean);
  return (
    <Form action="/recoveries" className="filters adm-filters" role="search" aria-label={t("recoveries.filters")}>
      <label className="filter">
        <span>{t("recoveries.filter.task")}</span>
        <input name="task" type="search" defaultValue={filters.task} placeholder={t("recoveries.filter.taskPlaceholder")} />
      </label>
      <label className="filter">
        <span>{t("recoveries.filter.mode")}</span>
        <select name="mode" defaultValue={filters.mode}>
          <option value="">{t("recoveries.filter.any")}</option>
          {Object.entries(MODE_LABELS).map(([mode, label]) => (
            <option key={mode} value={mode}>
              {t(label)}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>{t("recoveries.filter.actor")}</span>
        <select name="actor" defaultValue={filters.actor}>
          <option value="">{t("recoveries.filter.any")}</option>
          {Object.entries(ACTOR_LABELS).map(([actor, label]) => (
            <option key={actor} value={actor}>
              {t(label)}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>{t("recoveries.filter.from")}</span>
        <input name="from" type="date" defaultValue={filters.from} max={filters.to || undefined} />
      </label>
      <label className="filter">
        <span>{t("recoveries.filter.to")}</span>
        <input name="to" type="date" defaultValue={filters.to} min={filters.from || undefined} />
      </label>
      <div className="adm-filter-buttons">
        <Button type="submit" variant="primary">
          {t("recoveries.filter.apply")}
        </Button>
        {filtered && <ButtonLink href="/recoveries">{t("recoveries.filter.clear")}</ButtonLink>}
      </div>
    </Form>
  );
}
