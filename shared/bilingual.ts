/**
 * The API's sentences carry both languages in one documented form, "中文 (english)." (scripts read
 * either half; see README, API errors). The console shows its reader one half: this picks it. A
 * sentence not in that form (a plain message, a note without Chinese) comes back unchanged.
 */
export function sentenceIn(sentence: string, lang: "zh" | "en"): string {
  // A validation sentence starts with the field it is about ("name: 中文 (english)."): both halves keep it.
  const field = /^[\w.]+: /.exec(sentence.trim())?.[0] ?? "";
  const text = sentence.trim().slice(field.length);
  const stop = text.endsWith(".") ? "." : "";
  const body = stop ? text.slice(0, -1) : text;
  if (!body.endsWith(")")) return sentence;
  // The English half is the last balanced "(...)" group, so English with parentheses of its own
  // ("1 camera(s) unreachable") stays whole.
  let depth = 0;
  let open = -1;
  for (let i = body.length - 1; i >= 0; i--) {
    if (body[i] === ")") depth++;
    else if (body[i] === "(" && --depth === 0) {
      open = i;
      break;
    }
  }
  if (open < 1 || !/\s/.test(body[open - 1])) return sentence;
  const zh = body.slice(0, open).trimEnd();
  const en = body.slice(open + 1, -1).trim();
  if (!/[\u4e00-\u9fff]/.test(zh) || !en) return sentence;
  return field + (lang === "zh" ? zh : en + stop);
}
