import { describe, expect, it } from "vitest";
import { NodeHeaders } from "../../src/adapters/node-headers.js";

/* The Node adapter's read-only Headers over IncomingMessage.headers must read like a web Headers. */

describe("NodeHeaders", () => {
  const headers = new NodeHeaders({
    host: "127.0.0.1:8000",
    "mcp-method": "tools/call",
    "x-list": ["a", "b"],
    "set-cookie": ["one=1", "two=2"],
    ":authority": "ignored",
  });

  it("reads names case-insensitively and joins repeated values as Headers does", () => {
    expect(headers.get("Mcp-Method")).toBe("tools/call");
    expect(headers.get("x-list")).toBe("a, b");
    expect(headers.get("absent")).toBeNull();
    expect(headers.has("HOST")).toBe(true);
    expect(headers.has("absent")).toBe(false);
    expect(headers.getSetCookie()).toEqual(["one=1", "two=2"]);
  });

  it("sees no header in the names of Object.prototype (Node's header object has that prototype)", () => {
    for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      expect(headers.get(name)).toBeNull();
      expect(headers.has(name)).toBe(false);
    }
  });

  it("iterates sorted names, set-cookie one by one, without HTTP/2 pseudo headers", () => {
    expect([...headers]).toEqual([
      ["host", "127.0.0.1:8000"],
      ["mcp-method", "tools/call"],
      ["set-cookie", "one=1"],
      ["set-cookie", "two=2"],
      ["x-list", "a, b"],
    ]);
    expect([...headers.keys()]).toEqual(["host", "mcp-method", "set-cookie", "set-cookie", "x-list"]);
    const seen: string[] = [];
    headers.forEach((value, name) => seen.push(`${name}=${value}`));
    expect(seen[0]).toBe("host=127.0.0.1:8000");
    expect(new Headers([...headers]).get("x-list")).toBe("a, b"); // copies into a real Headers
  });

  it("refuses changes, like a Request's headers", () => {
    expect(() => headers.set("x", "1")).toThrow(TypeError);
    expect(() => headers.append("x", "1")).toThrow(TypeError);
    expect(() => headers.delete("host")).toThrow(TypeError);
  });
});
