export { connect } from "./connect.js";
export type { Connectable, ConnectOptions } from "./connect.js";
