"use client";

import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Spinner } from "@/components/ui/spinner";
import { cameraChoicesInput } from "./task-form-values";

type Camera = { id: number; name: string };

interface CameraPickerProps {
  selected: Camera[];
  onChange(cameras: Camera[]): void;
  error?: string;
  errorId: string;
}

/**
 * Multi-select of cameras: a server-side name search over cameras.list with a checkbox per camera,
 * and the chosen cameras as removable chips (they stay chosen when the search hides them).
 */
export function CameraPicker({ selected, onChange, error, errorId }: CameraPickerProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [q, setQ] = useState("");
  const query = useQuery({ ...trpc.cameras.list.queryOptions(cameraChoicesInput(q)), placeholderData: keepPreviousData });
  const chosen = new Set(selected.map((c) => c.id));
  const toggle = (camera: Camera, on: boolean) => onChange(on ? [...selected, camera] : selected.filter((c) => c.id !== camera.id));
  return (
    <fieldset className={`field${error ? " field-invalid" : ""}`} aria-describedby={error ? errorId : undefined}>
      <legend className="field-label">{t("taskForm.cameras")}</legend>
      <label className="filter">
        <span>{t("taskForm.cameraSearch")}</span>
        <input type="search" value={q} placeholder={t("taskForm.cameraSearchPlaceholder")} onChange={(e) => setQ(e.target.value)} />
      </label>
      <div className="choice-grid" data-testid="camera-choices">
        {query.isPending && <Spinner label={t("ui.loading")} />}
        {query.data?.items.length === 0 && <span className="muted">{t("taskForm.camerasNone")}</span>}
        {query.data?.items.map((camera) => (
          <label key={camera.id} className="choice">
            <input
              type="checkbox"
              checked={chosen.has(camera.id)}
              onChange={(e) => toggle({ id: camera.id, name: camera.name }, e.target.checked)}
            />
            <span>{camera.name}</span>
          </label>
        ))}
      </div>
      <span className="field-hint">{t("taskForm.camerasSelected", { n: selected.length })}</span>
      {selected.length > 0 && (
        <div className="finding-list">
          {selected.map((camera) => (
            <button
              key={camera.id}
              type="button"
              className="btn btn-sm"
              aria-label={t("taskForm.cameraRemove", { name: camera.name })}
              onClick={() => toggle(camera, false)}
            >
              {camera.name} <span aria-hidden="true">×</span>
            </button>
          ))}
        </div>
      )}
      {error && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
    </fieldset>
  );
}
