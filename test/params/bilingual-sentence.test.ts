import { describe, expect, it } from "vitest";
import { sentenceIn } from "@/shared/bilingual";
import { DATABASE_UNREACHABLE } from "@/server/errors";

describe("bilingual sentences", () => {
  it("the console shows its reader the half in their language", () => {
    expect(sentenceIn(DATABASE_UNREACHABLE, "zh")).toBe("数据库暂时无法连接，请稍后重试");
    expect(sentenceIn(DATABASE_UNREACHABLE, "en")).toBe("the database is unreachable at the moment; try again shortly.");
  });

  it("English with parentheses of its own and Chinese user data in the English half stay whole", () => {
    expect(sentenceIn("1 个摄像头无法访问 (1 camera(s) unreachable)", "en")).toBe("1 camera(s) unreachable");
    expect(sentenceIn('名为 "大门 (东)" 的摄像头已存在 (a camera named "大门 (东)" already exists).', "en")).toBe(
      'a camera named "大门 (东)" already exists.',
    );
    expect(sentenceIn('名为 "大门 (东)" 的摄像头已存在 (a camera named "大门 (东)" already exists).', "zh")).toBe(
      '名为 "大门 (东)" 的摄像头已存在',
    );
  });

  it("a validation sentence keeps the field it is about in both languages", () => {
    const sentence = "name: 名称不能为空 (a name is required).";
    expect(sentenceIn(sentence, "zh")).toBe("name: 名称不能为空");
    expect(sentenceIn(sentence, "en")).toBe("name: a name is required.");
  });

  it("a sentence in one language only comes back unchanged", () => {
    for (const plain of ["Could not connect (timeout)", "任务不存在", "HTTP 500", "", "(x)"]) expect(sentenceIn(plain, "en")).toBe(plain);
  });
});
