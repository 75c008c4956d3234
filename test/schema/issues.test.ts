import { describe, expect, it } from "vitest";
import { formatIssues, formatPath } from "../../src/schema/index.js";

describe("formatIssues", () => {
  it("writes one line per issue, the path first unless the issue is at the root", () => {
    expect(
      formatIssues([
        { path: "b", message: "Expected number, received string" },
        { path: "", message: "Unrecognized key: c" },
        { path: "items[0].name", message: "Required" },
      ]),
    ).toBe("b: Expected number, received string\nUnrecognized key: c\nitems[0].name: Required");
    expect(formatIssues([])).toBe("");
  });

  it("summarises beyond maxLines so a bad array cannot flood the model's context", () => {
    const issues = Array.from({ length: 25 }, (_, i) => ({ path: `[${i}]`, message: "Bad" }));
    const lines = formatIssues(issues).split("\n");
    expect(lines).toHaveLength(21);
    expect(lines.at(-1)).toBe("… and 5 more issues");
    expect(formatIssues(issues.slice(0, 3), { maxLines: 2 }).split("\n").at(-1)).toBe("… and 1 more issue");
  });
});

describe("formatPath", () => {
  it("renders keys as accessors", () => {
    expect(formatPath([])).toBe("");
    expect(formatPath(["a", "b", 0, "c"])).toBe("a.b[0].c");
    expect(formatPath(["first name", "0", Symbol("s")])).toBe('["first name"]["0"][Symbol(s)]');
    expect(formatPath([0, "$x", "_y"])).toBe("[0].$x._y");
  });
});
