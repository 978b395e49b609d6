/**
 * A message's placeholders filled: `{n}` by the value of n; `{n:task|tasks}` by the first form when
 * n is 1, else the second (English counts; Chinese needs no such form). A form may hold placeholders
 * of its own: `{n:The camera|All {n} cameras}`. The console's translator and the server's bilingual
 * notes (shared/run-note.ts) fill their messages with this one function.
 */
export function fillMessage(text: string, vars: Record<string, string | number> | undefined): string {
  return text
    .replace(/\{(\w+):((?:[^|{}]|\{\w+\})*)\|((?:[^{}]|\{\w+\})*)\}/g, (_, name: string, one: string, other: string) =>
      Number(vars?.[name]) === 1 ? one : other,
    )
    .replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? `{${name}}`));
}
