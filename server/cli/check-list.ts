import "server-only";
import { FRAME_CHECKS, type FindingCode } from "@/shared/finding-codes";
import { UsageError } from "./run-command";

/**
 * `--checks a,b,c` as frame-check codes, duplicates and empty items dropped. An unknown name, or
 * none at all, is a usage error (exit code 2) that lists the valid names, so a typo never silently runs fewer
 * checks than the user meant.
 */
export function parseCheckList(text: string): FindingCode[] {
  const names = [...new Set(text.split(",").map((name) => name.trim()))].filter(Boolean);
  const unknown = names.filter((name) => !(FRAME_CHECKS as string[]).includes(name));
  const valid = FRAME_CHECKS.join(", ");
  if (names.length === 0) throw new UsageError(`--checks 至少要有一个检查项：${valid} (--checks needs at least one of ${valid}).`);
  if (unknown.length > 0) {
    const given = unknown.map((name) => `"${name}"`).join(", ");
    throw new UsageError(
      `--checks 中有未知的检查项 ${given}，可用的检查项：${valid} (unknown check ${given} in --checks; the checks are ${valid}).`,
    );
  }
  return names as FindingCode[];
}
