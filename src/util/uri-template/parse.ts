/*
 * Parses an RFC 6570 template (levels 1-3) into literal and expression parts. Whatever the expander
 * or matcher could not honour (level-4 modifiers, reserved operators, bad names) is refused here,
 * once, with a message that names the problem and where it is.
 */

import { percentEncode } from "./percent.js";

/** Longest accepted template, in UTF-16 code units. */
export const MAX_TEMPLATE_LENGTH = 1000;
/** Most `{...}` expressions one template may hold. */
export const MAX_EXPRESSIONS = 64;

/** An RFC 6570 level 1-3 operator; `""` is simple string expansion. */
export type Operator = "" | "+" | "#" | "." | "/" | ";" | "?" | "&";

/** How an operator expands (RFC 6570 Appendix A). */
export interface OperatorSpec {
  /** Written before the first defined variable. */
  readonly first: string;
  /** Written between defined variables. */
  readonly sep: string;
  /** Whether each value is written as `name=value`. */
  readonly named: boolean;
  /** Written after the name when a named value is empty. */
  readonly ifEmpty: string;
  /** Whether reserved characters and existing `%XX` triplets are kept as they are. */
  readonly allowReserved: boolean;
}

const spec = (first: string, sep: string, named = false, ifEmpty = "", allowReserved = false) =>
  ({ first, sep, named, ifEmpty, allowReserved }) satisfies OperatorSpec;

/**
 * The operator table of RFC 6570 Appendix A.
 *
 * @example
 * OPERATORS["?"].sep; // "&"
 */
export const OPERATORS: Readonly<Record<Operator, OperatorSpec>> = {
  "": spec("", ","),
  "+": spec("", ",", false, "", true),
  "#": spec("#", ",", false, "", true),
  ".": spec(".", "."),
  "/": spec("/", "/"),
  ";": spec(";", ";", true),
  "?": spec("?", "&", true, "="),
  "&": spec("&", "&", true, "="),
};

/** Fixed text, stored already percent-encoded as expansion writes it. */
export interface LiteralPart {
  readonly kind: "literal";
  readonly text: string;
}

/** One `{...}` expression: an operator and its variable names, in order. */
export interface ExpressionPart {
  readonly kind: "expression";
  readonly operator: Operator;
  readonly spec: OperatorSpec;
  readonly names: readonly string[];
}

/** A piece of a parsed template. */
export type Part = LiteralPart | ExpressionPart;

const OPERATOR_CHARS = "+#./;?&";
const RESERVED_OPERATOR_CHARS = "=,!@|";

/**
 * Splits `template` into parts, throwing a TypeError that says what is wrong and where.
 *
 * @example
 * parseParts("users://{id}/profile").length; // 3
 */
export function parseParts(template: string): Part[] {
  if (typeof template !== "string") throw new TypeError("A URI template must be a string");
  if (template.length > MAX_TEMPLATE_LENGTH) {
    throw new TypeError(
      `Invalid URI template: ${template.length} characters exceeds the limit of ${MAX_TEMPLATE_LENGTH}`,
    );
  }
  const parts: Part[] = [];
  const seen = new Set<string>();
  let literalStart = 0;
  let expressions = 0;
  for (let i = 0; i < template.length; i++) {
    const char = template[i];
    if (char === "}") throw invalid(template, `unmatched "}" at index ${i}`);
    if (char !== "{") continue;
    if (i > literalStart) parts.push(literal(template.slice(literalStart, i)));
    const close = template.indexOf("}", i + 1);
    if (close === -1) throw invalid(template, `unclosed "{" at index ${i}`);
    const body = template.slice(i + 1, close);
    if (body.includes("{")) throw invalid(template, `"{" inside the expression at index ${i}`);
    if (++expressions > MAX_EXPRESSIONS) throw invalid(template, `more than ${MAX_EXPRESSIONS} expressions`);
    parts.push(expression(template, body, seen));
    i = close;
    literalStart = close + 1;
  }
  if (literalStart < template.length) parts.push(literal(template.slice(literalStart)));
  return parts;
}

function literal(text: string): LiteralPart {
  // RFC 6570 §3.1: characters not allowed in a URI are written percent-encoded.
  return { kind: "literal", text: percentEncode(text, true) };
}

function expression(template: string, body: string, seen: Set<string>): ExpressionPart {
  if (body === "") throw invalid(template, 'empty expression "{}"');
  const head = body[0] ?? "";
  if (RESERVED_OPERATOR_CHARS.includes(head)) {
    throw invalid(template, `operator "${head}" in "{${body}}" is reserved by RFC 6570 and not defined`);
  }
  const operator = (OPERATOR_CHARS.includes(head) ? head : "") as Operator;
  const list = body.slice(operator.length);
  if (list === "") throw invalid(template, `expression "{${body}}" names no variable`);
  const names = list.split(",");
  for (const name of names) checkName(template, body, name, seen);
  return { kind: "expression", operator, spec: OPERATORS[operator], names };
}

function checkName(template: string, body: string, name: string, seen: Set<string>): void {
  if (name.endsWith("*") || name.includes(":")) {
    throw invalid(
      template,
      `"{${body}}" uses a level-4 modifier (":n" prefix or "*" explode); only levels 1-3 are supported`,
    );
  }
  if (!isVarName(name)) {
    throw invalid(
      template,
      `bad variable name ${JSON.stringify(name)} in "{${body}}" (letters, digits, "_", "%XX" and inner ".")`,
    );
  }
  if (seen.has(name)) throw invalid(template, `variable "${name}" appears more than once`);
  seen.add(name);
}

/** RFC 6570 §2.3: varchar *( ["."] varchar ), varchar = ALPHA / DIGIT / "_" / pct-encoded. */
function isVarName(name: string): boolean {
  let afterDot = true;
  for (let i = 0; i < name.length; i++) {
    const char = name[i] ?? "";
    if (char === ".") {
      if (afterDot) return false;
      afterDot = true;
      continue;
    }
    if (char === "%") {
      if (!isHex(name[i + 1]) || !isHex(name[i + 2])) return false;
      i += 2;
    } else if (!/^[A-Za-z0-9_]$/.test(char)) {
      return false;
    }
    afterDot = false;
  }
  return !afterDot;
}

const isHex = (char: string | undefined): boolean => char !== undefined && /^[0-9A-Fa-f]$/.test(char);

const invalid = (template: string, detail: string): TypeError =>
  new TypeError(`Invalid URI template ${JSON.stringify(template)}: ${detail}`);
