// The raw stdio server: newline-delimited JSON in, one write per answer out. Deliberately minimal.
import { createLineReader } from "../../load/line-reader.js";
import { answer } from "./core.js";

process.stdin.on(
  "data",
  createLineReader((line) => {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      process.stdout.write('{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}\n');
      return;
    }
    const reply = answer(message);
    if (reply) process.stdout.write(`${JSON.stringify(reply)}\n`);
  }),
);
