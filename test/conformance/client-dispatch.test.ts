import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scenarioHandler } from "./client.js";

const CLIENT = fileURLToPath(new URL("./client.ts", import.meta.url));

describe("conformance client dispatch", () => {
  it("knows every non-auth scenario of 0.1.16 and 0.2.0-alpha.12, old aliases included", () => {
    const names = [
      "initialize",
      "tools_call",
      "tools-call",
      "elicitation-sep1034-client-defaults",
      "elicitation-defaults",
      "sse-retry",
      "request-metadata",
      "sep-2322-client-request-state",
      "http-standard-headers",
      "http-custom-headers",
      "http-invalid-tool-headers",
      "json-schema-ref-no-deref",
      "json-schema-2020-12-preservation",
    ];
    for (const name of names) expect(scenarioHandler(name), name).toBeTypeOf("function");
    expect(scenarioHandler("tools_call")).toBe(scenarioHandler("tools-call"));
    expect(scenarioHandler("auth/metadata-default")).toBeUndefined();
    expect(scenarioHandler("toString")).toBeUndefined();
  });

  it("exits 1 with a clear message on an unknown scenario", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", CLIENT, "http://127.0.0.1:9/mcp"], {
      env: { ...process.env, MCP_CONFORMANCE_SCENARIO: "no-such-scenario" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Unknown or unsupported scenario "no-such-scenario"');
  }, 40_000);
});
