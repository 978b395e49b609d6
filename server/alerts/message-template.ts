import "server-only";

/** `{{ name }}` placeholders in alert messages. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholders that do not name a known value (checked when the rules are loaded). */
export function unknownPlaceholders(template: string, known: readonly string[]): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((name) => !known.includes(name));
}

export function renderMessage(template: string, values: Readonly<Record<string, number | string>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (name in values ? formatValue(values[name]) : whole));
}

/** Counts print as they are; averages with at most one decimal (12.3, not 12.345678). */
export const formatValue = (v: number | string) =>
  typeof v === "number" && !Number.isInteger(v) ? String(Math.round(v * 10) / 10) : String(v);
