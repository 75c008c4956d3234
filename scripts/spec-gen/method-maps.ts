/**
 * Method maps (`ClientRequests` etc.) and runtime method lists, derived from the schema's
 * ClientRequest / ServerRequest / ClientNotification / ServerNotification unions.
 */
import { MAX_LINE, refName, typeOf, type EmitContext, type JsonSchema } from "./emit-types.js";

type Defs = Readonly<Record<string, JsonSchema>>;

/**
 * Result types that neither `<X>ResultResponse` nor `<X>Result` names, by method.
 * Each must exist in every schema that has the method; the answering union is checked too.
 */
export const RESULT_OVERRIDES: Readonly<Record<string, string>> = {
  ping: "EmptyResult",
  "resources/subscribe": "EmptyResult",
  "resources/unsubscribe": "EmptyResult",
  "logging/setLevel": "EmptyResult",
};

/** Unions a revision may lack on purpose, with what to say instead of a map. */
const ABSENT_UNIONS: Readonly<Record<string, string>> = {
  ServerRequest:
    "Servers send no requests in this revision (the schema has no ServerRequest union);\n" +
    "they ask the client for input by answering with an InputRequiredResult instead.",
};

interface Family {
  union: string;
  /** The union of results the peer answers these requests with; absent for notifications. */
  answeredBy?: string;
}

const FAMILIES: readonly Family[] = [
  { union: "ClientRequest", answeredBy: "ServerResult" },
  { union: "ServerRequest", answeredBy: "ClientResult" },
  { union: "ClientNotification" },
  { union: "ServerNotification" },
];

/** `ClientRequest` -> `ClientRequests`, `CLIENT_REQUEST_METHODS` and the map's doc comment. */
function namesOf(family: Family): { map: string; list: string; doc: string } {
  const [sender = "", kind = ""] = family.union.split(/(?=[A-Z])/);
  const peer = sender === "Client" ? "server" : "client";
  const answer = family.answeredBy ? `: their params and the result the ${peer} answers with` : "";
  return {
    map: `${family.union}s`,
    list: `${sender}_${kind}_METHODS`.toUpperCase(),
    doc: `${kind}s a ${sender.toLowerCase()} sends, by method${answer}.`,
  };
}

/** A request or notification definition and the type name its fields are reached through. */
interface Member {
  owner: string;
  schema: JsonSchema;
}

const rootContext = (defs: Defs, path: string): EmitContext => ({ defs, depth: 0, path });

function unionMembers(defs: Defs, union: string): Member[] | undefined {
  const schema = defs[union];
  if (schema === undefined) return undefined;
  // A one-member union is inlined by the schema's generator (2026-07-28 ClientNotification).
  return (schema.anyOf ?? [schema]).map((alternative) => {
    if (alternative.$ref === undefined) return { owner: union, schema: alternative };
    const owner = refName(alternative.$ref, rootContext(defs, union));
    return { owner, schema: defs[owner]! };
  });
}

function methodOf(member: Member): string {
  const method = member.schema.properties?.["method"]?.const;
  if (typeof method !== "string") throw new Error(`${member.owner}: no string properties.method.const`);
  return method;
}

function paramsField(member: Member, defs: Defs): string {
  const params = member.schema.properties?.["params"];
  const optional = member.schema.required?.includes("params") ? "" : "?";
  if (params === undefined) return "params?: Record<string, never> | undefined";
  if (params.$ref !== undefined)
    return `params${optional}: ${refName(params.$ref, rootContext(defs, member.owner))}`;
  // Inline params (the draft-07 schemas) have no name of their own, so index into the owner.
  const indexed = `${member.owner}["params"]`;
  return optional ? `params?: NonNullable<${indexed}>` : `params: ${indexed}`;
}

/** Override, then `<X>ResultResponse.result` (2026-07-28 unions live there), then `<X>Result`. */
function resultSchema(method: string, member: Member, defs: Defs): JsonSchema {
  const override = RESULT_OVERRIDES[method];
  if (override !== undefined) return { $ref: `#/$defs/${override}` };
  const base = member.owner.replace(/Request$/, "");
  const fromResponse = defs[`${base}ResultResponse`]?.properties?.["result"];
  if (fromResponse !== undefined) return fromResponse;
  if (`${base}Result` in defs) return { $ref: `#/$defs/${base}Result` };
  throw new Error(
    `${method} (${member.owner}): cannot determine its result type; add it to RESULT_OVERRIDES in scripts/spec-gen/method-maps.ts`,
  );
}

const refsOf = (schema: JsonSchema): string[] =>
  (schema.anyOf ?? [schema]).flatMap((s) => (s.$ref === undefined ? [] : [s.$ref.replace(/^.*\//, "")]));

/** Follows pure aliases such as `EmptyResult = Result`. */
function canonical(name: string, defs: Defs): string {
  const schema = defs[name];
  const isAlias =
    schema?.$ref !== undefined && Object.keys(schema).every((k) => k === "$ref" || k === "description");
  return isAlias ? canonical(refsOf(schema)[0]!, defs) : name;
}

/** A chosen result must be one the schema's result union allows, so a wrong guess cannot pass. */
function checkAnsweredBy(method: string, result: JsonSchema, family: Family, defs: Defs): void {
  const union = family.answeredBy === undefined ? undefined : defs[family.answeredBy];
  if (union === undefined) return;
  const allowed = new Set(refsOf(union).map((name) => canonical(name, defs)));
  for (const name of refsOf(result)) {
    if (!allowed.has(canonical(name, defs))) {
      throw new Error(`${method}: result ${name} is not a member of ${family.answeredBy}`);
    }
  }
}

function entry(member: Member, family: Family, defs: Defs): { method: string; line: string } {
  const method = methodOf(member);
  const fields = [paramsField(member, defs)];
  if (family.answeredBy !== undefined) {
    const result = resultSchema(method, member, defs);
    checkAnsweredBy(method, result, family, defs);
    fields.push(`result: ${typeOf(result, rootContext(defs, `${member.owner}.result`))}`);
  }
  const key = `  ${JSON.stringify(method)}`;
  const line = `${key}: { ${fields.join("; ")} };`;
  if (line.length <= MAX_LINE) return { method, line };
  return { method, line: `${key}: {\n${fields.map((f) => `    ${f};\n`).join("")}  };` };
}

function emitFamily(family: Family, defs: Defs): string {
  const { map: mapName, list: listName, doc } = namesOf(family);
  const members = unionMembers(defs, family.union);
  const listType = `readonly (keyof ${mapName})[]`;
  const listDoc = `/** The methods of {@link ${mapName}}, in schema order. */`;
  if (members === undefined) {
    const why = ABSENT_UNIONS[family.union];
    if (why === undefined) throw new Error(`the schema has no ${family.union} union`);
    const whyDoc = `/**\n${why.replace(/^/gm, " * ")}\n */`;
    return `${whyDoc}\nexport interface ${mapName} {}\n\n${listDoc}\nexport const ${listName} = [] as const satisfies ${listType};`;
  }
  const entries = members.map((member) => entry(member, family, defs));
  const methods = entries.map((e) => e.method);
  const duplicate = methods.find((m, i) => methods.indexOf(m) !== i);
  if (duplicate !== undefined) throw new Error(`${family.union}: method ${duplicate} appears twice`);
  const map = `/** ${doc} */\nexport interface ${mapName} {\n${entries.map((e) => e.line).join("\n")}\n}`;
  const list = methods.map((m) => `  ${JSON.stringify(m)},`).join("\n");
  return `${map}\n\n${listDoc}\nexport const ${listName} = [\n${list}\n] as const satisfies ${listType};`;
}

/** The four method maps and their runtime lists, for one revision's definitions. */
export function emitMethodMaps(defs: Defs): string {
  return FAMILIES.map((family) => emitFamily(family, defs)).join("\n\n");
}

/** Names the method-map section declares, so a schema definition cannot collide with them. */
export const METHOD_MAP_NAMES: readonly string[] = FAMILIES.flatMap((f) => {
  const { map, list } = namesOf(f);
  return [map, list];
});
