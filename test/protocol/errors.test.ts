import { describe, expect, it } from "vitest";
import { McpError } from "../../src/jsonrpc/index.js";
import { isResourceNotFound, resourceNotFound } from "../../src/protocol/index.js";

describe("resource not found per era", () => {
  it("uses -32002 for legacy clients and -32602 for 2026-07-28 ones", () => {
    expect(resourceNotFound("file:///x", "legacy").toJson()).toEqual({
      code: -32002,
      message: "Resource not found: file:///x",
      data: { uri: "file:///x" },
    });
    expect(resourceNotFound("file:///x", "modern").code).toBe(-32602);
  });

  it("recognises both codes, but not an unrelated invalid-params error", () => {
    expect(isResourceNotFound(new McpError(-32002, "gone"))).toBe(true);
    expect(isResourceNotFound(resourceNotFound("a:b", "modern"))).toBe(true);
    expect(isResourceNotFound(new McpError(-32602, "bad arguments"))).toBe(false);
  });
});
