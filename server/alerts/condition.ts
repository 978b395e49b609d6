import "server-only";

/**
 * Alert conditions: `<metric> <op> <number>` joined by `and` / `or` (and binds tighter), with
 * parentheses. A small parser, never eval: the file is configuration, not code.
 */
export type Operator = ">" | ">=" | "<" | "<=" | "==" | "!=";
export const OPERATORS: readonly Operator[] = [">", ">=", "<", "<=", "==", "!="];

export type Condition =
  { kind: "compare"; metric: string; op: Operator; value: number } | { kind: "and" | "or"; left: Condition; right: Condition };

/** A condition that cannot be read; its message is one sentence in both languages, "中文 (english).". */
export class ConditionError extends Error {}

type Token = { type: "name" | "number" | "op" | "paren"; text: string; at: number };

const TOKEN = /\s*(?:([A-Za-z_][A-Za-z0-9_]*)|(-?\d+(?:\.\d+)?)|(>=|<=|==|!=|>|<)|([()])|(\S[^\sA-Za-z0-9_()]*))/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m || m[0].trim() === "") break;
    const [, name, number, op, paren, other] = m;
    if (other !== undefined) {
      const operators = OPERATORS.join(" ");
      const [zhHint, enHint] =
        other === "&&"
          ? ['，请写 "and"', '; write "and"']
          : other === "||"
            ? ['，请写 "or"', '; write "or"']
            : other === "=" || other === "=>" || other === "=<"
              ? [`，运算符有：${operators}`, `; operators: ${operators}`]
              : ["", ""];
      const position = at + m[0].indexOf(other) + 1;
      throw new ConditionError(
        `第 ${position} 个字符处的 "${other}" 无法识别${zhHint} (unexpected "${other}" at position ${position}${enHint}).`,
      );
    }
    tokens.push(
      name !== undefined
        ? { type: "name", text: name, at }
        : number !== undefined
          ? { type: "number", text: number, at }
          : op !== undefined
            ? { type: "op", text: op, at }
            : { type: "paren", text: paren!, at },
    );
  }
  return tokens;
}

/** Parses a condition; every metric it names must be in `metrics`. Throws ConditionError with a sentence. */
export function parseCondition(text: string, metrics: readonly string[]): Condition {
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i];
  // A parenthesis is named in the English half, not quoted: an unmatched one there would hide where the half starts.
  const PARENS: Record<string, string> = { "(": "an opening parenthesis", ")": "a closing parenthesis" };
  const found = (t: Token | undefined): [zh: string, en: string] =>
    t ? [`"${t.text}"`, PARENS[t.text] ?? `"${t.text}"`] : ["结尾", "the end"];
  /** "expected X but found Y" in both languages. */
  const expected = (zh: string, en: string, t: Token | undefined) =>
    new ConditionError(`${zh}，却遇到${found(t)[0]} (expected ${en} but found ${found(t)[1]}).`);
  const keyword = (word: string) => peek()?.type === "name" && peek()!.text.toLowerCase() === word && (i++, true);

  const binary = (kind: "and" | "or", operand: () => Condition) => (): Condition => {
    let left = operand();
    while (keyword(kind)) left = { kind, left, right: operand() };
    return left;
  };
  const compare = (): Condition => {
    if (peek()?.text === "(") {
      i++;
      const inner = or();
      if (peek()?.text !== ")") throw expected('应为 ")"', "a closing parenthesis", peek());
      i++;
      return inner;
    }
    const metric = tokens[i++];
    if (metric?.type !== "name") throw expected("应为指标名", "a metric name", metric);
    if (!metrics.includes(metric.text)) {
      const known = metrics.join(", ");
      throw new ConditionError(
        `未知的指标 "${metric.text}"，可用的指标：${known} (unknown metric "${metric.text}"; known metrics: ${known}).`,
      );
    }
    const op = tokens[i++];
    if (op?.type !== "op") {
      const operators = OPERATORS.join(" ");
      throw expected(`${metric.text} 之后应为运算符（${operators}）`, `an operator (${operators}) after ${metric.text}`, op);
    }
    const value = tokens[i++];
    if (value?.type !== "number")
      throw expected(`"${metric.text} ${op.text}" 之后应为数字`, `a number after "${metric.text} ${op.text}"`, value);
    return { kind: "compare", metric: metric.text, op: op.text as Operator, value: Number(value.text) };
  };
  const and = binary("and", compare);
  const or = binary("or", and);

  if (tokens.length === 0) throw new ConditionError("条件为空 (the condition is empty).");
  const condition = or();
  if (i < tokens.length) {
    const [zh, en] = found(peek());
    throw new ConditionError(`${zh} 无法识别，比较之间要用 "and" 或 "or" 连接 (unexpected ${en}; join comparisons with "and" or "or").`);
  }
  return condition;
}

export function evaluateCondition(c: Condition, values: Readonly<Record<string, number>>): boolean {
  switch (c.kind) {
    case "and":
      return evaluateCondition(c.left, values) && evaluateCondition(c.right, values);
    case "or":
      return evaluateCondition(c.left, values) || evaluateCondition(c.right, values);
    case "compare": {
      const v = values[c.metric];
      switch (c.op) {
        case ">":
          return v > c.value;
        case ">=":
          return v >= c.value;
        case "<":
          return v < c.value;
        case "<=":
          return v <= c.value;
        case "==":
          return v === c.value;
        case "!=":
          return v !== c.value;
      }
    }
  }
}

/** The metric an alert reports as its value: the first one its condition names. */
export function firstMetric(c: Condition): string {
  return c.kind === "compare" ? c.metric : firstMetric(c.left);
}
