/*
 * Preloaded (node --import) into server-everything's Streamable HTTP entry, which calls
 * app.listen(PORT) on every interface: binds it to 127.0.0.1 instead and reports the port it
 * got, so the test can start it with PORT=0 and needs no free-port guess.
 */
import net from "node:net";
import process from "node:process";

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const portOnly = typeof args[0] === "number" || (typeof args[0] === "string" && /^\d+$/.test(args[0]));
  if (portOnly && typeof args[1] !== "string") args.splice(1, 0, "127.0.0.1");
  this.once("listening", () => {
    const address = this.address();
    if (address && typeof address === "object") process.stderr.write(`\nLISTENING ${address.port}\n`);
  });
  return listen.apply(this, args);
};
