import { describe, expect, it } from "vitest";
import { ConditionError, evaluateCondition, firstMetric, parseCondition } from "@/server/alerts/condition";
import { renderMessage, unknownPlaceholders } from "@/server/alerts/message-template";
import { expectBilingual } from "../support/expect-bilingual";

const METRICS = ["a", "b", "c"];
const holds = (text: string, values: Record<string, number>) => evaluateCondition(parseCondition(text, METRICS), values);
const errorOf = (text: string) => {
  try {
    parseCondition(text, METRICS);
  } catch (err) {
    expect(err).toBeInstanceOf(ConditionError);
    return (err as Error).message;
  }
  throw new Error(`"${text}" parsed`);
};

describe("alert conditions", () => {
  it("every operator compares the metric with the number", () => {
    const cases: Array<[string, number, boolean]> = [
      ["a > 2", 3, true],
      ["a > 2", 2, false],
      ["a >= 2", 2, true],
      ["a >= 2", 1, false],
      ["a < 2", 1, true],
      ["a < 2", 2, false],
      ["a <= 2", 2, true],
      ["a <= 2", 3, false],
      ["a == 2", 2, true],
      ["a == 2", 2.5, false],
      ["a != 2", 3, true],
      ["a != 2", 2, false],
      ["a>1.5", 1.6, true],
      ["a > -1", 0, true],
    ];
    for (const [text, a, expected] of cases) expect(holds(text, { a }), `${text} with a=${a}`).toBe(expected);
  });

  it("and binds tighter than or; parentheses group; keywords in any case", () => {
    const v = { a: 1, b: 0, c: 1 };
    expect(holds("a > 0 or b > 0 and c > 5", v)).toBe(true);
    expect(holds("(a > 0 or b > 0) and c > 5", v)).toBe(false);
    expect(holds("a > 0 AND c > 0", v)).toBe(true);
    expect(holds("b > 0 Or c > 5", v)).toBe(false);
    expect(holds("a == 1 and b == 0 and c == 1", v)).toBe(true);
  });

  it("the value reported is the first metric named", () => {
    expect(firstMetric(parseCondition("(b > 1 or a > 2) and c < 3", METRICS))).toBe("b");
  });

  it("a wrong condition is refused with a sentence saying what and where", () => {
    expect(errorOf("d > 1")).toBe('未知的指标 "d"，可用的指标：a, b, c (unknown metric "d"; known metrics: a, b, c).');
    expect(errorOf("a => 1")).toMatch(/unexpected "=>" .*operators: > >= < <= == !=/);
    expect(errorOf("a = 1")).toMatch(/unexpected "="/);
    expect(errorOf("a > 1 && b > 1")).toMatch(/write "and"/);
    expect(errorOf("a >")).toBe('"a >" 之后应为数字，却遇到结尾 (expected a number after "a >" but found the end).');
    expect(errorOf("a 1")).toMatch(/expected an operator .* after a but found "1"/);
    expect(errorOf("a > 1 b > 2")).toMatch(/\(unexpected "b"; join comparisons with "and" or "or"\)\.$/);
    expect(errorOf("(a > 1")).toBe('应为 ")"，却遇到结尾 (expected a closing parenthesis but found the end).');
    expect(errorOf("   ")).toBe("条件为空 (the condition is empty).");
    for (const text of [
      "d > 1",
      "a => 1",
      "a > 1 && b > 1",
      "a >",
      "a 1",
      "a > 1 b > 2",
      "(a > 1",
      "a > 1)",
      "a > (",
      "   ",
      "process.exit()",
    ]) {
      expectBilingual(errorOf(text), text);
    }
    expect(errorOf("process.exit()")).toMatch(/unknown metric "process"|unexpected/);
  });
});

describe("alert message templates", () => {
  it("fills {{ name }} placeholders, with or without spaces, and rounds averages to one decimal", () => {
    expect(renderMessage("发现 {{ a }} 个卡住的诊断任务，平均 {{b}} 分钟", { a: 3, b: 12.345 })).toBe(
      "发现 3 个卡住的诊断任务，平均 12.3 分钟",
    );
  });

  it("names the placeholders that are not known values", () => {
    expect(unknownPlaceholders("{{ a }} {{ nope }} {{b}}", METRICS)).toEqual(["nope"]);
  });
});
