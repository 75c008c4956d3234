import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { ECHO_TEXT, ECHO_TOOL } from "../protocol.js";
import type { ConnectClient } from "./client-handle.js";
import { checkEcho } from "./client-handle.js";

/** The official 1.32.2 Client over its stdio transport (legacy only). */
export const connectClient: ConnectClient = async (command, args, era) => {
  if (era !== "legacy") throw new Error("1.32.2 speaks the legacy era only");
  const client = new Client({ name: "bench-client", version: "1.0.0" });
  await client.connect(new StdioClientTransport({ command, args: [...args] }));
  return {
    callEcho: async () =>
      checkEcho(await client.callTool({ name: ECHO_TOOL, arguments: { text: ECHO_TEXT } }), ECHO_TEXT),
    close: () => client.close(),
  };
};
