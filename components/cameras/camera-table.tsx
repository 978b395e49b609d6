"use client";

import Link from "next/link";
import Form from "next/form";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button, ButtonLink } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { PagedQueryTable, pageOf } from "@/components/ui/paged-query-table";
import { useUrlParams } from "@/components/ui/use-url-params";
import { cameraListInputFromParams, SOURCE_TYPES } from "./camera-list-params";
import { ActiveBadge, FindingList, VerdictBadge } from "./labels";

export function CameraTable() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { params, pageHref } = useUrlParams();
  const input = cameraListInputFromParams(params);
  const query = useQuery({ ...trpc.cameras.overview.queryOptions(input), placeholderData: keepPreviousData });
  const filtered = Boolean(input.q || input.sourceType || input.active !== undefined);

  return (
    <section aria-labelledby="cameras-heading">
      <Form action="/cameras" className="filters adm-filters" role="search" aria-label={t("cameras.filters")}>
        <label className="filter">
          <span>{t("cameras.filter.q")}</span>
          <input name="q" type="search" defaultValue={input.q ?? ""} placeholder={t("cameras.filter.qPlaceholder")} />
        </label>
        <label className="filter">
          <span>{t("cameras.filter.type")}</span>
          <select name="type" defaultValue={input.sourceType ?? ""}>
            <option value="">{t("cameras.filter.any")}</option>
            {SOURCE_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`source.${type}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>{t("cameras.filter.active")}</span>
          <select name="active" defaultValue={input.active === undefined ? "" : String(input.active)}>
            <option value="">{t("cameras.filter.any")}</option>
            <option value="true">{t("cameras.active")}</option>
            <option value="false">{t("cameras.inactive")}</option>
          </select>
        </label>
        <div className="adm-filter-buttons">
          <Button type="submit" variant="primary">
            {t("cameras.filter.apply")}
          </Button>
          {filtered && <ButtonLink href="/cameras">{t("cameras.filter.clear")}</ButtonLink>}
        </div>
      </Form>

      <PagedQueryTable
        query={query}
        items={(data) => data.items}
        minHeight={240}
        testId="camera-table"
        empty={{ title: filtered ? t("cameras.emptyFiltered") : t("cameras.empty") }}
        pager={(data) => ({ ...pageOf(data), hrefFor: pageHref, summary: t("cameras.total", { total: data.total }) })}
        head={
          <>
            <th scope="col">{t("cameras.col.name")}</th>
            <th scope="col" className="hide-phone">
              {t("cameras.col.location")}
            </th>
            <th scope="col" className="adm-wide-only">
              {t("cameras.col.sourceType")}
            </th>
            <th scope="col" className="hide-phone">
              {t("cameras.col.source")}
            </th>
            <th scope="col">{t("cameras.col.active")}</th>
            <th scope="col" className="hide-phone">
              {t("cameras.col.tasks")}
            </th>
            <th scope="col">{t("cameras.col.latest")}</th>
          </>
        }
        row={(camera) => (
          <tr key={camera.id} data-testid={`camera-row-${camera.id}`}>
            <td className="cell-nowrap adm-camera-name">
              <Link href={`/cameras/${camera.id}`}>{camera.name}</Link>
            </td>
            <td className="adm-location hide-phone">{camera.location || <span className="muted">{t("common.none")}</span>}</td>
            <td className="adm-wide-only">{t(`source.${camera.sourceType}`)}</td>
            <td className="adm-source-cell hide-phone">
              <span className="mono adm-source" title={camera.sourceUri}>
                {camera.sourceUri}
              </span>
              {camera.hasCredentials && <span className="adm-tag">{t("cameras.hasCredentials")}</span>}
            </td>
            <td>
              <ActiveBadge active={camera.isActive} />
            </td>
            <td className="hide-phone" title={camera.tasks.map((task) => task.name).join("\n")}>
              {camera.tasks.length === 0 ? (
                <span className="muted">{t("cameras.noTasks")}</span>
              ) : (
                t("cameras.taskCount", { n: camera.tasks.length })
              )}
            </td>
            <td>
              {camera.latest ? (
                <div className="adm-latest">
                  <span className="adm-latest-line">
                    <VerdictBadge verdict={camera.latest.verdict} />
                    {camera.latest.verdict === "abnormal" && (
                      <FindingList
                        findings={camera.latest.findings}
                        severities={camera.latest.severities}
                        acknowledged={camera.latest.acknowledged}
                      />
                    )}
                  </span>
                  <span className="muted adm-small">
                    <LocalTime value={camera.latest.createdAt} />
                  </span>
                </div>
              ) : (
                <span className="muted">{t("cameras.noResults")}</span>
              )}
            </td>
          </tr>
        )}
      />
    </section>
  );
}
