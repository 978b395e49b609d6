"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { errorFacts } from "@/components/trpc/error-details";
import { useTRPC } from "@/components/trpc/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button, ButtonLink } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { CameraView } from "@/server/cameras/camera-view";
import { RTSP_TRANSPORTS } from "@/shared/camera-sources";
import { SOURCE_TYPES } from "./camera-list-params";
import {
  initialValues,
  isUrlSource,
  serverErrorField,
  validateCamera,
  type CameraField,
  type CameraFormValues,
  type FieldErrors,
} from "./camera-form-values";

/** Create a camera, or edit one (`camera` given). Operators and admins only: the page checks the role. */
export function CameraForm({ camera }: { camera?: CameraView }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<CameraFormValues>(() => initialValues(camera));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const hydrated = useHydrated();

  const onSaved = async (saved: CameraView) => {
    await queryClient.invalidateQueries({ queryKey: trpc.cameras.pathKey() });
    router.push(`/cameras/${saved.id}`);
  };
  const onRefused = (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    const { code, details } = errorFacts(err);
    const field = serverErrorField(details);
    // The service's own sentence (the reader's half of it) says what exactly is wrong, after a lead-in.
    const sentence =
      code === "CONFLICT"
        ? t("cameraForm.error.nameTaken", { name: values.name.trim() })
        : t("cameraForm.error.refused", { message: message.replace(/^\w+: /, "") });
    if (field) setErrors((e) => ({ ...e, [field]: sentence }));
    else setFormError(sentence);
  };
  const create = useMutation(trpc.cameras.create.mutationOptions({ onSuccess: onSaved, onError: onRefused }));
  const update = useMutation(trpc.cameras.update.mutationOptions({ onSuccess: onSaved, onError: onRefused }));
  const busy = create.isPending || update.isPending;

  const set = <K extends keyof CameraFormValues>(key: K, value: CameraFormValues[K]) => {
    const next = { ...values, [key]: value };
    setValues(next);
    setFormError(null);
    // After a first submit, errors follow the typing; before it, they appear on blur.
    if (submitted) setErrors(validateCamera(t, next));
  };
  const checkField = (field: CameraField) => {
    const found = validateCamera(t, values)[field];
    setErrors((e) => ({ ...e, [field]: found }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setFormError(null);
    const found = validateCamera(t, values);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`camera-${first}`)?.focus();
      return;
    }
    const common = {
      name: values.name.trim(),
      location: values.location.trim() || null,
      sourceType: values.sourceType,
      sourceUri: values.sourceUri.trim(),
      grabTimeoutMs: Number(values.grabTimeoutMs),
      rtspTransport: values.rtspTransport,
      isActive: values.isActive,
    };
    const url = isUrlSource(values.sourceType);
    const credentials = values.clearCredentials
      ? { sourceUsername: null, sourcePassword: null }
      : {
          ...(url && values.sourceUsername ? { sourceUsername: values.sourceUsername } : {}),
          ...(url && values.sourcePassword ? { sourcePassword: values.sourcePassword } : {}),
        };
    if (!camera) return create.mutate({ ...common, ...credentials });
    // Only what changed is sent: an unchanged source is not checked again, the stored password is kept.
    const changed = Object.fromEntries(Object.entries(common).filter(([key, value]) => value !== (camera as Record<string, unknown>)[key]));
    update.mutate({ id: camera.id, ...changed, ...credentials });
  };

  const field = (name: CameraField, label: string, input: ReactNode, hint?: string) => (
    <div className={`field${errors[name] ? " field-invalid" : ""}`}>
      <label htmlFor={`camera-${name}`} className="field-label">
        {label}
      </label>
      {input}
      {hint && (
        <span id={`camera-${name}-hint`} className="field-hint">
          {hint}
        </span>
      )}
      {/* Always there, empty until needed: an error appearing on blur must not move the button being clicked. */}
      <span id={`camera-${name}-error`} className="field-error adm-error-slot" data-testid={errors[name] ? `error-${name}` : undefined}>
        {errors[name]}
      </span>
    </div>
  );
  const aria = (name: CameraField, hint = false) => ({
    id: `camera-${name}`,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby":
      [hint ? `camera-${name}-hint` : "", errors[name] ? `camera-${name}-error` : ""].filter(Boolean).join(" ") || undefined,
    onBlur: () => checkField(name),
  });
  /** A labelled choice among fixed values; nothing to validate, so no error slot. */
  const choice = <K extends "sourceType" | "rtspTransport">(
    name: K,
    label: string,
    options: readonly CameraFormValues[K][],
    optionLabel: (option: CameraFormValues[K]) => string,
    hint?: string,
  ) => (
    <div className="field">
      <label htmlFor={`camera-${name}`} className="field-label">
        {label}
      </label>
      <select
        id={`camera-${name}`}
        aria-describedby={hint ? `camera-${name}-hint` : undefined}
        value={values[name]}
        onChange={(e) => set(name, e.target.value as CameraFormValues[K])}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
      {hint && (
        <span id={`camera-${name}-hint`} className="field-hint">
          {hint}
        </span>
      )}
    </div>
  );
  const url = isUrlSource(values.sourceType);

  return (
    <form className="card adm-form" onSubmit={submit} noValidate data-testid="camera-form">
      <fieldset className="adm-bare" disabled={!hydrated}>
        {field(
          "name",
          t("cameraForm.name"),
          <input {...aria("name")} value={values.name} maxLength={100} required onChange={(e) => set("name", e.target.value)} />,
        )}
        {field(
          "location",
          t("cameraForm.location"),
          <input {...aria("location")} value={values.location} maxLength={200} onChange={(e) => set("location", e.target.value)} />,
        )}
        {choice("sourceType", t("cameraForm.sourceType"), SOURCE_TYPES, (type) => t(`source.${type}`))}
        {field(
          "sourceUri",
          t("cameraForm.sourceUri"),
          <input
            {...aria("sourceUri", true)}
            className="adm-mono-input"
            value={values.sourceUri}
            maxLength={2000}
            required
            placeholder={t(`cameraForm.placeholder.${values.sourceType}`)}
            onChange={(e) => set("sourceUri", e.target.value)}
          />,
          t(url ? "cameraForm.hint.url" : "cameraForm.hint.path"),
        )}
        {url && (
          <fieldset className="adm-fieldset">
            <legend>{t("cameraForm.credentials")}</legend>
            {camera?.hasCredentials && <p className="muted adm-small">{t("cameraForm.credentialsStored")}</p>}
            <div className="adm-form-row">
              {field(
                "sourceUsername",
                t("cameraForm.username"),
                <input
                  {...aria("sourceUsername")}
                  autoComplete="off"
                  value={values.sourceUsername}
                  disabled={values.clearCredentials}
                  onChange={(e) => set("sourceUsername", e.target.value)}
                />,
              )}
              <div className="field">
                <label htmlFor="camera-sourcePassword" className="field-label">
                  {t("cameraForm.password")}
                </label>
                <input
                  id="camera-sourcePassword"
                  type="password"
                  autoComplete="new-password"
                  value={values.sourcePassword}
                  disabled={values.clearCredentials}
                  onChange={(e) => set("sourcePassword", e.target.value)}
                />
              </div>
            </div>
            {camera?.hasCredentials && (
              <label className="adm-check">
                <input type="checkbox" checked={values.clearCredentials} onChange={(e) => set("clearCredentials", e.target.checked)} />
                {t("cameraForm.clearCredentials")}
              </label>
            )}
          </fieldset>
        )}
        {values.sourceType === "rtsp" &&
          choice(
            "rtspTransport",
            t("cameraForm.rtspTransport"),
            RTSP_TRANSPORTS,
            (transport) => t(`rtspTransport.${transport}`),
            t("cameraForm.hint.rtspTransport"),
          )}
        {field(
          "grabTimeoutMs",
          t("cameraForm.grabTimeoutMs"),
          <input
            {...aria("grabTimeoutMs")}
            type="number"
            inputMode="numeric"
            min={500}
            max={120000}
            step={500}
            value={values.grabTimeoutMs}
            onChange={(e) => set("grabTimeoutMs", e.target.value)}
          />,
        )}
        <label className="adm-check">
          <input type="checkbox" checked={values.isActive} onChange={(e) => set("isActive", e.target.checked)} />
          {t("cameraForm.isActive")}
        </label>
        {formError && (
          <p className="form-error" role="alert">
            {formError}
          </p>
        )}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy}>
            {camera ? t("cameraForm.save") : t("cameraForm.create")}
          </Button>
          <ButtonLink href={camera ? `/cameras/${camera.id}` : "/cameras"}>{t("ui.cancel")}</ButtonLink>
        </div>
      </fieldset>
    </form>
  );
}
