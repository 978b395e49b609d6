import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Server modules say so: a client component that imports one (even through another module) fails
 * `next build`. The few modules the browser or next.config.ts load are listed by name.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const SHARED_WITH_BROWSER_OR_CONFIG = new Set([
  "server/http/security-headers.ts",
  "server/tasks/task-input.ts",
  "server/tasks/schedule.ts",
  "server/params/id.ts",
  "server/diagnosis/thresholds.ts",
]);

function modules(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return rel === "server/db/generated" ? [] : modules(rel);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".test.ts") ? [rel] : [];
  });
}

describe("server-only marker", () => {
  it('every server module but the listed ones starts with import "server-only"', () => {
    const unmarked = modules("server").filter(
      (file) =>
        !SHARED_WITH_BROWSER_OR_CONFIG.has(file) && !fs.readFileSync(path.join(ROOT, file), "utf8").startsWith('import "server-only";'),
    );
    expect(unmarked).toEqual([]);
  });

  it("no client component imports a value from server/ (types are erased)", () => {
    const clientFiles = [...modules("components"), ...modules("app")].filter((file) =>
      /^["']use client["']/.test(fs.readFileSync(path.join(ROOT, file), "utf8")),
    );
    const offenders = clientFiles.flatMap((file) =>
      [...fs.readFileSync(path.join(ROOT, file), "utf8").matchAll(/^import (?!type )(.*) from "@\/server\/([^"]+)";$/gm)]
        .filter(([, what]) => !/^\{(\s*type \w+,?)+\s*\}$/.test(what))
        .map(([, , target]) => `${file} → server/${target}`),
    );
    expect(offenders).toEqual([]);
  });
});
