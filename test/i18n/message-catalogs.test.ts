import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LANGS, MESSAGES } from "@/components/i18n/messages";

/**
 * Every visible string exists in both languages. The type of the catalog already asks for both; this
 * walks the catalog files themselves, so an area file left out of messages.ts, an empty translation,
 * a placeholder one language forgot or Chinese left in the English text also fail.
 */
const DIR = path.resolve(import.meta.dirname, "../../components/i18n/messages");
const CJK = /[\u4e00-\u9fff]/;
// The language switch names the other language in its own words.
const ENGLISH_MAY_HOLD_CHINESE = new Set(["nav.language"]);

type Catalog = Record<string, Record<string, unknown>>;

async function areaCatalogs(): Promise<Array<[string, Catalog]>> {
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".ts"));
  return Promise.all(
    files.map(async (file) => {
      const mod = (await import(path.join(DIR, file))) as Record<string, Catalog>;
      return [file, Object.assign({}, ...Object.values(mod))] as [string, Catalog];
    }),
  );
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogs", () => {
  it("every area file's keys are in the catalog the console reads", async () => {
    const known = new Set(Object.keys(MESSAGES));
    for (const [file, catalog] of await areaCatalogs()) {
      expect(
        Object.keys(catalog).filter((key) => !known.has(key)),
        file,
      ).toEqual([]);
    }
  });

  it("every key has a non-empty text in every language, with the same placeholders", async () => {
    const problems: string[] = [];
    for (const [file, catalog] of await areaCatalogs()) {
      for (const [key, texts] of Object.entries(catalog)) {
        for (const lang of LANGS) {
          const text = texts[lang];
          if (typeof text !== "string" || text.trim() === "") problems.push(`${file} ${key}: no ${lang} text`);
        }
        const extra = Object.keys(texts).filter((lang) => !LANGS.includes(lang as (typeof LANGS)[number]));
        if (extra.length) problems.push(`${file} ${key}: unknown languages ${extra.join(", ")}`);
        if (typeof texts.zh === "string" && typeof texts.en === "string") {
          if (placeholders(texts.zh).join() !== placeholders(texts.en).join()) problems.push(`${file} ${key}: placeholders differ`);
          if (CJK.test(texts.en) && !ENGLISH_MAY_HOLD_CHINESE.has(key)) problems.push(`${file} ${key}: Chinese in the English text`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
