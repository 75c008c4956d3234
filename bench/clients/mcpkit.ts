import { Client } from "mcpkit";
import { createStdioClientTransport } from "mcpkit/stdio";
import { ECHO_TEXT, ECHO_TOOL } from "../protocol.js";
import type { ConnectClient } from "./client-handle.js";
import { checkEcho } from "./client-handle.js";

/** The mcpkit Client over its stdio transport, pinned to the era measured. */
export const connectClient: ConnectClient = async (command, args, era) => {
  const client = new Client({ name: "bench-client", version: "1.0.0" }, { mode: era });
  await client.connect(createStdioClientTransport({ command, args }));
  return {
    callEcho: async () =>
      checkEcho(await client.callTool({ name: ECHO_TOOL, arguments: { text: ECHO_TEXT } }), ECHO_TEXT),
    close: () => client.close(),
  };
};
