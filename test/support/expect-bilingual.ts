import { expect } from "vitest";
import { sentenceIn } from "@/shared/bilingual";

const CJK = /[\u4e00-\u9fff]/;

/**
 * `text` is one sentence in the API's form, "中文 (english).": each half can be picked, and the
 * English half holds no Chinese but what a user typed (quoted, e.g. a Chinese camera name).
 */
export function expectBilingual(text: unknown, where: string) {
  expect(typeof text, where).toBe("string");
  const sentence = text as string;
  const zh = sentenceIn(sentence, "zh");
  const en = sentenceIn(sentence, "en");
  expect(zh !== sentence && en !== sentence, `${where}: not in the form "中文 (english).": ${sentence}`).toBe(true);
  expect(en.replace(/"[^"]*"|「[^」]*」/g, ""), `${where}: Chinese in the English half: ${sentence}`).not.toMatch(CJK);
}

/**
 * A line a person reads in a terminal or a log: "where: 中文 (english)." after whatever names the
 * place (an "error:" prefix, a file, a rule, a setting). The sentence starts after the last ": "
 * before its first Chinese character.
 */
export function expectBilingualLine(line: string, where: string) {
  const firstChinese = line.search(CJK);
  expect(firstChinese, `${where}: no Chinese in: ${line}`).toBeGreaterThanOrEqual(0);
  const start = line.lastIndexOf(": ", firstChinese);
  expectBilingual(start < 0 ? line : line.slice(start + 2), `${where}: ${line}`);
}
