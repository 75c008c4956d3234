import { describe, expect, it } from "vitest";
import * as root from "mcpkit";
import * as stdio from "mcpkit/stdio";

/* The public surface of each subpath. A change here is an API change: update it on purpose. */

describe("public exports", () => {
  it("root entry", () => {
    expect(Object.keys(root).sort()).toEqual([
      "ALL_PROTOCOL_VERSIONS",
      "Client",
      "ErrorCode",
      "LATEST_LEGACY_VERSION",
      "LATEST_MODERN_VERSION",
      "LEGACY_PROTOCOL_VERSIONS",
      "MODERN_PROTOCOL_VERSIONS",
      "McpError",
      "MetaKey",
      "SdkError",
      "SdkErrorCode",
      "Server",
      "ServerConnection",
      "createMemoryTransportPair",
    ]);
  });

  it("mcpkit/stdio", () => {
    expect(Object.keys(stdio).sort()).toEqual(["createStdioClientTransport", "createStdioServerTransport"]);
  });
});
