/*
 * Type-level reading of an RFC 6570 template, so `mcp.resource("greeting://{name}", ({ name }) => ...)`
 * knows its variables. Only the first variable of a `{x}` or `{+x}` expression is always present
 * in a match; every other variable may be absent (RFC 6570 lets expansion skip it).
 */

type Operator = "+" | "#" | "." | "/" | ";" | "?" | "&";
type Split<S extends string> = S extends `${infer Head},${infer Tail}` ? Head | Split<Tail> : S;
type Expressions<T extends string> = T extends `${string}{${infer Expr}}${infer Rest}`
  ? Expr | Expressions<Rest>
  : never;

type Names<E extends string> = E extends `${Operator}${infer Names}` ? Split<Names> : Split<E>;
type FirstName<E extends string> = E extends `${infer Head},${string}` ? Head : E;
type RequiredName<E extends string> = E extends `${Exclude<Operator, "+">}${string}`
  ? never
  : FirstName<E extends `+${infer Rest}` ? Rest : E>;

type Required<T extends string> = RequiredName<Expressions<T>>;

/** The variables of a URI template, as the handler receives them. */
export type UriVariables<T extends string> = { [K in Required<T>]: string } & {
  [K in Exclude<Names<Expressions<T>>, Required<T>>]?: string;
};
