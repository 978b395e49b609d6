import "server-only";

/**
 * Alert conditions: `<metric> <op> <number>` joined by `and` / `or` (and binds tighter), with
 * parentheses. A small parser, never eval: the file is configuration, not code.
 */
export type Operator = ">" | ">=" | "<" | "<=" | "==" | "!=";
export const OPERATORS: readonly Operator[] = [">", ">=", "<", "<=", "==", "!="];

export type Condition =
  { kind: "compare"; metric: string; op: Operator; value: number } | { kind: "and" | "or"; left: Condition; right: Condition };

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
      const hint =
        other === "&&"
          ? ' (write "and")'
          : other === "||"
            ? ' (write "or")'
            : other === "=" || other === "=>" || other === "=<"
              ? ` (operators: ${OPERATORS.join(" ")})`
              : "";
      throw new ConditionError(`unexpected "${other}" at position ${at + m[0].indexOf(other) + 1}${hint}`);
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
  const describe = (t: Token | undefined) => (t ? `"${t.text}"` : "the end");
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
      if (peek()?.text !== ")") throw new ConditionError(`expected ")" but found ${describe(peek())}`);
      i++;
      return inner;
    }
    const metric = tokens[i++];
    if (metric?.type !== "name") throw new ConditionError(`expected a metric name but found ${describe(metric)}`);
    if (!metrics.includes(metric.text)) throw new ConditionError(`unknown metric "${metric.text}"; known metrics: ${metrics.join(", ")}`);
    const op = tokens[i++];
    if (op?.type !== "op")
      throw new ConditionError(`expected an operator (${OPERATORS.join(" ")}) after ${metric.text} but found ${describe(op)}`);
    const value = tokens[i++];
    if (value?.type !== "number")
      throw new ConditionError(`expected a number after "${metric.text} ${op.text}" but found ${describe(value)}`);
    return { kind: "compare", metric: metric.text, op: op.text as Operator, value: Number(value.text) };
  };
  const and = binary("and", compare);
  const or = binary("or", and);

  if (tokens.length === 0) throw new ConditionError("the condition is empty");
  const condition = or();
  if (i < tokens.length) throw new ConditionError(`unexpected ${describe(peek())} (join comparisons with "and" or "or")`);
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
