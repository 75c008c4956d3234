import { describe, expect, it } from "vitest";
import * as root from "mcpkit";
import * as stdio from "mcpkit/stdio";
import * as testing from "mcpkit/testing";
import * as http from "mcpkit/http";

/* The public surface of each subpath. A change here is an API change: update it on purpose. */

describe("public exports", () => {
  it("root entry", () => {
    expect(Object.keys(root).sort()).toEqual([
      "ALL_PROTOCOL_VERSIONS",
      "BinaryContent",
      "Client",
      "ClientGroup",
      "Context",
      "ErrorCode",
      "LATEST_LEGACY_VERSION",
      "LATEST_MODERN_VERSION",
      "LEGACY_PROTOCOL_VERSIONS",
      "MODERN_PROTOCOL_VERSIONS",
      "McpError",
      "McpServer",
      "MetaKey",
      "NotificationStream",
      "PendingPromptMessage",
      "SdkError",
      "SdkErrorCode",
      "Server",
      "ServerConnection",
      "ToolError",
      "assistant",
      "audio",
      "createEraMemory",
      "createMemoryTransportPair",
      "embeddedResource",
      "file",
      "image",
      "isBinaryContent",
      "isContentBlock",
      "isResourceNotFound",
      "processEraMemory",
      "resourceLink",
      "resourceNotFound",
      "text",
      "toContentBlocks",
      "toPromptMessages",
      "user",
    ]);
  });

  it("mcpkit/stdio", () => {
    expect(Object.keys(stdio).sort()).toEqual(["createStdioClientTransport", "createStdioServerTransport"]);
  });

  it("mcpkit/testing", () => {
    expect(Object.keys(testing).sort()).toEqual(["connect"]);
  });

  it("mcpkit/http", () => {
    expect(Object.keys(http).sort()).toEqual([
      "HttpStatusError",
      "createHttpClientTransport",
      "createMcpHandler",
      "createMemoryEventStore",
      "createSseClientTransport",
      "createSseParser",
      "createStreamableHttpClientTransport",
      "decodeHeaderValue",
      "encodeHeaderValue",
      "httpStatusOf",
    ]);
  });
});
