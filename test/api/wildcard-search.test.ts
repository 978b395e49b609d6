import { beforeAll, describe, expect, it } from "vitest";
import { GET as exportAudits } from "@/app/api/diagnosis/recoveries/export/route";
import { listCameras } from "@/server/cameras/list-cameras";
import { listAudits } from "@/server/recovery/audit/list-audits";
import { listTasks } from "@/server/tasks/list-tasks";
import { call, tokenFor } from "../support/api-client";
import { createCamera, createTask } from "../support/fixtures";
import { uniqueName } from "../support/unique";
import { auditRows } from "../audit/audit-fixtures";

/**
 * Issue 11, row 8: `%`, `_` and `\` in a search are the characters themselves, not LIKE wildcards.
 * Every name here carries the test's tag, so "matches every row" shows as matching the plain name.
 */
const tag = uniqueName("wild");
const names = { percent: `${tag} 100% 亮度`, underscore: `${tag} gate_04`, backslash: `${tag} C:\\cams`, plain: `${tag} plain 1004` };
type Kind = keyof typeof names;
let viewer: string;
beforeAll(async () => {
  viewer = (await tokenFor("viewer")).token;
});

/** Which of the names `search(q)` finds, for the three characters and an ordinary word. */
async function found(search: (q: string) => Promise<string[]>) {
  const result: Record<string, Kind[]> = {};
  for (const q of ["%", "_", "\\", "plain"]) {
    const hits = await search(q);
    result[q] = (Object.keys(names) as Kind[]).filter((kind) => hits.includes(names[kind]));
  }
  return result;
}
const EXPECTED = { "%": ["percent"], _: ["underscore"], "\\": ["backslash"], plain: ["plain"] };

describe("search text is literal", () => {
  it("search: tasks.list finds % _ and \\ as typed, not every task", async () => {
    for (const name of Object.values(names)) await createTask({ data: { name } });
    const search = async (q: string) => (await listTasks({ q, pageSize: 200 })).items.map((t) => t.name).filter((n) => n.startsWith(tag));
    expect(await found(search)).toEqual(EXPECTED);
  });

  it("search: cameras.list does the same", async () => {
    for (const name of Object.values(names)) await createCamera({ name });
    const search = async (q: string) => (await listCameras({ q, pageSize: 200 })).items.map((c) => c.name).filter((n) => n.startsWith(tag));
    expect(await found(search)).toEqual(EXPECTED);
  });

  it("search: the recovery audit and its CSV export do the same", async () => {
    for (const taskName of Object.values(names)) await auditRows(1, { taskName });
    const list = async (q: string) =>
      (await listAudits({ q, pageSize: 200 })).items.map((a) => a.taskName).filter((n) => n.startsWith(tag));
    expect(await found(list)).toEqual(EXPECTED);
    const exported = async (q: string) => {
      const { status, body } = await call(exportAudits, `/api/diagnosis/recoveries/export?format=json&q=${encodeURIComponent(q)}`, {
        token: viewer,
      });
      expect(status).toBe(200);
      return (body as unknown as Array<{ task_name: string }>).map((row) => row.task_name).filter((n) => n.startsWith(tag));
    };
    expect(await found(exported)).toEqual(EXPECTED);
  });
});
