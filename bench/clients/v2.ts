import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { MODERN_VERSION, ECHO_TEXT, ECHO_TOOL } from "../protocol.js";
import type { ConnectClient } from "./client-handle.js";
import { checkEcho } from "./client-handle.js";

/** The official 2.4.0 Client over its stdio transport; 2026-07-28 by pinning the version. */
export const connectClient: ConnectClient = async (command, args, era) => {
  const client = new Client(
    { name: "bench-client", version: "1.0.0" },
    era === "modern" ? { versionNegotiation: { mode: { pin: MODERN_VERSION } } } : {},
  );
  await client.connect(new StdioClientTransport({ command, args: [...args] }));
  return {
    callEcho: async () =>
      checkEcho(await client.callTool({ name: ECHO_TOOL, arguments: { text: ECHO_TEXT } }), ECHO_TEXT),
    close: () => client.close(),
  };
};
