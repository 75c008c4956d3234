import type { JsonObject } from "../../jsonrpc/index.js";
import { isPromiseLike } from "../../util/maybe-promise.js";
import type { CollectedResponses } from "./request-state.js";

/** The three kinds of input a server may ask a client for. */
export type InputMethod = "elicitation/create" | "sampling/createMessage" | "roots/list";

/** One input request embedded in an `input_required` result. */
export interface InputRequest {
  readonly method: InputMethod;
  readonly params?: JsonObject;
}

/** How a handler run ended: with its value, or blocked on input the client must provide. */
export type RoundOutcome<T> =
  | { readonly kind: "done"; readonly value: T }
  | {
      readonly kind: "input";
      readonly requests: Record<string, InputRequest>;
      readonly responses: CollectedResponses;
    };

const KEY_PREFIX: Record<InputMethod, string> = {
  "elicitation/create": "elicit",
  "sampling/createMessage": "sample",
  "roots/list": "roots",
};

/**
 * One execution of a handler in a 2026-07-28 multi round-trip request. Handlers are re-run from
 * the top on each round; the n-th input they ask for gets a stable key, so answers collected in
 * earlier rounds (sealed in requestState) and this round (inputResponses) are found again.
 * An unanswered ask never settles: the run ends with `input` and the suspended handler is
 * abandoned (its signal aborted), so no try/catch in user code can swallow the round trip.
 */
export class InputRound {
  #known: CollectedResponses;
  #pending: Record<string, InputRequest> = {};
  #counter = 0;
  /** True once an ask is waiting for the client. */
  #waiting = false;
  #blocked: (() => void) | undefined;

  constructor(known: CollectedResponses) {
    this.#known = known;
  }

  /**
   * Answers from the collected responses, or registers the request and suspends forever. `key`
   * names the request on the wire; by default the n-th ask of a kind is `<kind>-<n>`.
   */
  ask(request: InputRequest, key = `${KEY_PREFIX[request.method]}-${this.#counter}`): Promise<unknown> {
    this.#counter++;
    if (Object.hasOwn(this.#known, key)) return Promise.resolve(this.#known[key]);
    this.#pending[key] = request;
    this.#waiting = true;
    this.#blocked?.();
    return new Promise<never>(() => {});
  }

  /**
   * Runs `handler`: its value, or (a microtask after its first unanswered ask) `input`. A handler
   * that returns synchronously without asking is done synchronously (most tool calls); a
   * synchronous throw is thrown.
   */
  run<T>(handler: () => T | Promise<T>): RoundOutcome<T> | Promise<RoundOutcome<T>> {
    const value = handler();
    if (!this.#waiting && !isPromiseLike(value)) return { kind: "done", value };
    return new Promise<RoundOutcome<T>>((resolve, reject) => {
      // Asks made in the same turn (e.g. Promise.all of two elicits) land in one result.
      this.#blocked = () => {
        this.#blocked = undefined;
        queueMicrotask(() => resolve({ kind: "input", requests: this.#pending, responses: this.#known }));
      };
      if (this.#waiting) this.#blocked(); // asked before returning its first promise
      Promise.resolve(value).then((settled) => resolve({ kind: "done", value: settled }), reject);
    });
  }
}
