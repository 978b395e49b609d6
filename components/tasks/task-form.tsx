"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { useAnnounce } from "@/components/ui/announcer";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { findingLabel } from "@/components/cameras/labels";
import { FRAME_CHECKS } from "@/shared/finding-codes";
import { CameraPicker } from "./camera-picker";
import { emptyTaskForm, taskFormFrom, taskPayload, validateTaskForm, type TaskFormErrors, type TaskFormValues } from "./task-form-values";
import type { TaskView } from "@/server/tasks/task-view";

/**
 * Create (no `task`) or edit a task. Fields are checked with the server's own schema as they are
 * left and on submit; the server's refusal (e.g. a camera deleted meanwhile) shows above the buttons.
 */
export function TaskForm({ task }: { task?: TaskView }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const ids = useId();
  const [values, setValues] = useState<TaskFormValues>(() => (task ? taskFormFrom(task) : emptyTaskForm()));
  const [errors, setErrors] = useState<TaskFormErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const set = <K extends keyof TaskFormValues>(key: K, value: TaskFormValues[K]) => {
    const next = { ...values, [key]: value };
    setValues(next);
    // After a first submit, messages follow every change; before it, only fields already marked are rechecked.
    const found = validateTaskForm(next);
    setErrors(submitted ? found : (prev) => Object.fromEntries(Object.keys(prev).map((f) => [f, found[f as keyof TaskFormErrors]])));
  };
  const saved = async (result: TaskView, message: "taskForm.created" | "taskForm.saved") => {
    announce(t(message, { name: result.name }));
    await queryClient.invalidateQueries({ queryKey: trpc.tasks.pathKey() });
    router.push(`/tasks/${result.id}`);
  };
  const create = useMutation(trpc.tasks.create.mutationOptions({ onSuccess: (r) => saved(r, "taskForm.created") }));
  const update = useMutation(trpc.tasks.update.mutationOptions({ onSuccess: (r) => saved(r, "taskForm.saved") }));
  const mutation = task ? update : create;
  const error = (field: keyof TaskFormErrors) => (errors[field] ? t(errors[field]) : null);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    const found = validateTaskForm(values);
    setErrors(found);
    if (Object.keys(found).length) {
      document.querySelector<HTMLElement>("[aria-invalid='true'], .field-invalid input")?.focus();
      return;
    }
    if (task) update.mutate({ id: task.id, ...taskPayload(values) });
    else create.mutate(taskPayload(values));
  };
  // Leaving a field checks that field only: the others are not marked before the person gets to them.
  const blurCheck = (field: keyof TaskFormErrors) => () => setErrors((prev) => ({ ...prev, [field]: validateTaskForm(values)[field] }));

  return (
    <form className="card" onSubmit={submit} noValidate data-testid="task-form">
      <div className="form-grid">
        <Field label={t("taskForm.name")} error={error("name")}>
          {(p) => (
            <input
              {...p}
              value={values.name}
              maxLength={200}
              onChange={(e) => set("name", e.target.value)}
              onBlur={blurCheck("name")}
              autoFocus={!task}
            />
          )}
        </Field>
        <Field label={t("taskForm.maxRuntime")} hint={t("taskForm.maxRuntimeHint")} error={error("maxRuntimeMinutes")}>
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="numeric"
              min={1}
              max={1440}
              value={values.maxRuntimeMinutes}
              onChange={(e) => set("maxRuntimeMinutes", e.target.value)}
              onBlur={blurCheck("maxRuntimeMinutes")}
            />
          )}
        </Field>
        <div className="span-2">
          <Field label={t("taskForm.description")} hint={t("taskForm.descriptionHint")} error={error("description")}>
            {(p) => (
              <textarea
                {...p}
                rows={2}
                value={values.description}
                onChange={(e) => set("description", e.target.value)}
                onBlur={blurCheck("description")}
              />
            )}
          </Field>
        </div>
        <div className="span-2">
          <CameraPicker
            selected={values.cameras}
            onChange={(cameras) => set("cameras", cameras)}
            error={error("cameraIds") ?? undefined}
            errorId={`${ids}-cameras`}
          />
        </div>
        <fieldset
          className={`field span-2${errors.checks ? " field-invalid" : ""}`}
          aria-describedby={errors.checks ? `${ids}-checks` : undefined}
        >
          <legend className="field-label">{t("taskForm.checks")}</legend>
          <div className="choice-grid">
            {FRAME_CHECKS.map((code) => (
              <label key={code} className="choice">
                <input
                  type="checkbox"
                  checked={values.checks.includes(code)}
                  onChange={(e) => set("checks", e.target.checked ? [...values.checks, code] : values.checks.filter((c) => c !== code))}
                />
                <span>{findingLabel(t, code)}</span>
              </label>
            ))}
          </div>
          {errors.checks && (
            <span id={`${ids}-checks`} className="field-error">
              {t(errors.checks)}
            </span>
          )}
        </fieldset>
        <fieldset className="field span-2">
          <legend className="field-label">{t("taskForm.schedule")}</legend>
          <div className="radio-row">
            {(["interval", "cron", "manual"] as const).map((type) => (
              <label key={type} className="choice">
                <input
                  type="radio"
                  name={`${ids}-schedule`}
                  checked={values.scheduleType === type}
                  onChange={() => set("scheduleType", type)}
                />
                <span>{t(`taskForm.schedule.${type}`)}</span>
              </label>
            ))}
          </div>
          {values.scheduleType === "interval" && (
            <Field label={t("taskForm.intervalMinutes")} error={error("schedule")}>
              {(p) => (
                <input
                  {...p}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={10080}
                  value={values.intervalMinutes}
                  onChange={(e) => set("intervalMinutes", e.target.value)}
                  onBlur={blurCheck("schedule")}
                />
              )}
            </Field>
          )}
          {values.scheduleType === "cron" && (
            <Field label={t("taskForm.cronExpression")} hint={t("taskForm.cronHint")} error={error("schedule")}>
              {(p) => (
                <input
                  {...p}
                  className="mono"
                  value={values.cronExpression}
                  onChange={(e) => set("cronExpression", e.target.value)}
                  onBlur={blurCheck("schedule")}
                />
              )}
            </Field>
          )}
          {values.scheduleType === "manual" && <p className="field-hint">{t("taskForm.manualHint")}</p>}
        </fieldset>
        <label className="choice span-2">
          <input type="checkbox" checked={values.isActive} onChange={(e) => set("isActive", e.target.checked)} />
          <span>{t("taskForm.isActive")}</span>
        </label>
      </div>
      {submitted && Object.values(errors).some(Boolean) && (
        <p className="form-error" role="alert">
          {t("taskForm.fixErrors")}
        </p>
      )}
      {mutation.error && (
        <p className="form-error" role="alert" data-testid="form-server-error">
          {t("taskForm.serverError", { message: mutation.error.message })}
        </p>
      )}
      <div className="form-actions">
        <ButtonLink href={task ? `/tasks/${task.id}` : "/tasks"}>{t("taskForm.cancel")}</ButtonLink>
        <Button type="submit" variant="primary" busy={mutation.isPending}>
          {task ? t("taskForm.save") : t("taskForm.create")}
        </Button>
      </div>
    </form>
  );
}
