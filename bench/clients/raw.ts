import { StdioPeer } from "../load/stdio-peer.js";
import { ECHO_TEXT, ECHO_TOOL, toolCallParams } from "../protocol.js";
import type { ConnectClient } from "./client-handle.js";
import { checkEcho } from "./client-handle.js";

/** The floor: the bench's own raw JSON-RPC stdio client, no SDK. */
export const connectClient: ConnectClient = async (command, args, era) => {
  const [entry, ...rest] = args;
  if (command !== process.execPath || entry === undefined)
    throw new Error("The raw client runs node servers only");
  const peer = new StdioPeer(entry, { args: rest, stderr: "inherit" });
  if (era === "legacy") await peer.initialize();
  const params = JSON.stringify(toolCallParams(ECHO_TOOL, { text: ECHO_TEXT }, era === "modern"));
  return {
    callEcho: async () => checkEcho(await peer.call("tools/call", params), ECHO_TEXT),
    close: () => peer.close(),
  };
};
