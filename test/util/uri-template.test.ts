import { describe, expect, it } from "vitest";
import { isTemplate, parseUriTemplate, type UriMatchOptions } from "../../src/util/uri-template.js";

// RFC 6570 §3.2.1 variables (the §1.2 level tables use a subset with the same values); lists and
// maps are level 4, and `undef := null` is written as undefined.
const VARS = {
  dub: "me/too",
  hello: "Hello World!",
  half: "50%",
  var: "value",
  who: "fred",
  base: "http://example.com/home/",
  path: "/foo/bar",
  v: "6",
  x: "1024",
  y: "768",
  empty: "",
  undef: undefined,
};

// Every level 1-3 vector of RFC 6570, as "template expansion" pairs: the §1.2 level 1-3 tables, then
// §3.2.2 to §3.2.9 ({.who,who} and {/who,who} repeat a name, so they are under "invalid templates").
const VECTORS = pairs(`
  {var}                value                         {hello}              Hello%20World%21
  {+var}               value                         {+hello}             Hello%20World!
  {+path}/here         /foo/bar/here                 here?ref={+path}     here?ref=/foo/bar
  map?{x,y}            map?1024,768                  {x,hello,y}          1024,Hello%20World%21,768
  {+x,hello,y}         1024,Hello%20World!,768       {+path,x}/here       /foo/bar,1024/here
  {#x,hello,y}         #1024,Hello%20World!,768      {#path,x}/here       #/foo/bar,1024/here
  X{.var}              X.value                       X{.x,y}              X.1024.768
  {/var}               /value                        {/var,x}/here        /value/1024/here
  {;x,y}               ;x=1024;y=768                 {;x,y,empty}         ;x=1024;y=768;empty
  {?x,y}               ?x=1024&y=768                 {?x,y,empty}         ?x=1024&y=768&empty=
  ?fixed=yes{&x}       ?fixed=yes&x=1024             {&x,y,empty}         &x=1024&y=768&empty=
  {half}               50%25                         O{empty}X            OX
  O{undef}X            OX                            {x,y}                1024,768
  ?{x,empty}           ?1024,                        ?{x,undef}           ?1024
  ?{undef,y}           ?768
  {+half}              50%25                         {base}index          http%3A%2F%2Fexample.com%2Fhome%2Findex
  {+base}index         http://example.com/home/index  O{+empty}X           OX
  O{+undef}X           OX                            up{+path}{var}/here  up/foo/barvalue/here
  {#var}               #value                        {#hello}             #Hello%20World!
  {#half}              #50%25                        foo{#empty}          foo#
  foo{#undef}          foo
  {.who}               .fred                         {.half,who}          .50%25.fred
  X{.empty}            X.                            X{.undef}            X
  {/who}               /fred                         {/half,who}          /50%25/fred
  {/who,dub}           /fred/me%2Ftoo                {/var,empty}         /value/
  {/var,undef}         /value
  {;who}               ;who=fred                     {;half}              ;half=50%25
  {;empty}             ;empty                        {;v,empty,who}       ;v=6;empty;who=fred
  {;v,bar,who}         ;v=6;who=fred                 {;x,y,undef}         ;x=1024;y=768
  {?who}               ?who=fred                     {?half}              ?half=50%25
  {?x,y,undef}         ?x=1024&y=768
  {&who}               &who=fred                     {&half}              &half=50%25
  {&x,y,undef}         &x=1024&y=768
`);

function pairs(table: string): [string, string][] {
  const words = table.trim().split(/\s+/);
  return Array.from({ length: words.length / 2 }, (_, i) => [words[2 * i]!, words[2 * i + 1]!]);
}

const match = (template: string, uri: string, options?: UriMatchOptions) =>
  parseUriTemplate(template).match(uri, options);

describe("expand", () => {
  it.each(VECTORS)("RFC 6570: %s -> %s", (template, expected) => {
    expect(parseUriTemplate(template).expand(VARS)).toBe(expected);
  });

  it("writes numbers and booleans, encodes UTF-8, keeps only well-formed triplets for + and #", () => {
    const t = parseUriTemplate("{a}{+b}{#c}");
    expect(t.expand({ a: 42, b: "%41%4g/é", c: true })).toBe("42%41%254g/%C3%A9#true");
    expect(parseUriTemplate("{s}").expand({ s: "\uD800x" })).toBe("%EF%BF%BDx");
  });

  it("reads own keys only and refuses level-4 values", () => {
    expect(parseUriTemplate("x{constructor}").expand({})).toBe("x");
    expect(() => parseUriTemplate("{list}").expand({ list: ["a"] } as never)).toThrow(/level 4/);
  });

  it("percent-encodes characters of a literal that a URI cannot hold", () => {
    expect(parseUriTemplate("a b%{x}%41").expand({ x: "1" })).toBe("a%20b%251%41");
  });
});

describe("match", () => {
  const roundTrips: [string, Record<string, string>][] = [
    ["{var}", { var: "value" }],
    ["greeting://{hello}", { hello: "Hello World! café ☕" }],
    ["{half}", { half: "50%" }],
    ["map?{x,y}", { x: "1024", y: "768" }],
    ["?{x,empty}", { x: "1024", empty: "" }],
    ["{+path}/here", { path: "/foo/bar/here/x" }],
    ["{+base}index", { base: "http://example.com/home/" }],
    ["{+path,x}/here", { path: "/foo/bar", x: "1024" }],
    ["{#path,x}/here", { path: "/foo/bar", x: "1024" }],
    ["foo{#empty}", { empty: "" }],
    ["X{.x,y}", { x: "1024", y: "768" }],
    ["{/var,x}/here", { var: "value", x: "1024" }],
    ["{/var,empty}", { var: "value", empty: "" }],
    ["{;v,empty,who}", { v: "6", empty: "", who: "fred" }],
    ["{?x,y,empty}", { x: "1024", y: "768", empty: "" }],
    ["?fixed=yes{&x,y}", { x: "1024", y: "a&b=c" }],
    ["res://{a}/{+b}{?c,d}{#e}", { a: "1", b: "p/q", d: "4", e: "frag?#" }],
    ["{+a}{.ext}", { a: "dir.v2/file.tar", ext: "gz" }],
  ];

  it.each(roundTrips)("round-trips %s", (template, values) => {
    const t = parseUriTemplate(template);
    expect({ ...t.match(t.expand(values)) }).toEqual(values);
  });

  it("handles the MCP examples", () => {
    expect({ ...match("greeting://{name}", "greeting://Alice") }).toEqual({ name: "Alice" });
    expect(match("greeting://{name}", "greeting://")).toBeUndefined();
    expect({ ...match("file:///{+path}", "file:///home/me/a%20b.txt") }).toEqual({ path: "home/me/a b.txt" });
    expect({ ...match("file:///{+path}", "file:///a?b#c") }).toEqual({ path: "a?b#c" });
    const weather = "weather://{city}/current{?units}";
    expect({ ...match(weather, "weather://paris/current?units=metric") }).toEqual({
      city: "paris",
      units: "metric",
    });
    expect({ ...match(weather, "weather://paris/current") }).toEqual({ city: "paris" });
    expect(match(weather, "weather://paris/current?lang=fr")).toBeUndefined();
    expect(match(weather, "weather://paris/forecast")).toBeUndefined();
    expect({ ...match("users://{id}/profile", "users://42/profile") }).toEqual({ id: "42" });
    expect(match("users://{id}/profile", "users://4/2/profile")).toBeUndefined();
  });

  it("never lets a simple variable cross / ? #, and requires it to be non-empty", () => {
    expect(match("a://{x}", "a://b/c")).toBeUndefined();
    expect(match("a://{x}", "a://b?c")).toBeUndefined();
    expect(match("a://{x}", "a://b#c")).toBeUndefined();
    expect(match("a://{x}/y", "a:///y")).toBeUndefined();
    expect({ ...match("a://{x}.json", "a://report.json") }).toEqual({ x: "report" });
    expect({ ...match("a://{x}-{y}", "a://b-c-d") }).toEqual({ x: "b", y: "c-d" });
    expect(match("a://{x}{y}", "a://bc")).toBeUndefined();
  });

  it("reads query parameters in any order, each optional, and nothing foreign", () => {
    const t = parseUriTemplate("s://q{?a,b}");
    expect({ ...t.match("s://q?b=2&a=1") }).toEqual({ a: "1", b: "2" });
    expect({ ...t.match("s://q?b=2") }).toEqual({ b: "2" });
    expect({ ...t.match("s://q?a") }).toEqual({ a: "" });
    expect(t.match("s://q?a=1&a=2")).toBeUndefined();
    expect(t.match("s://q?a=1&c=3")).toBeUndefined();
    expect({ ...match("s://q{?a}{&b}", "s://q?a=1&b=2") }).toEqual({ a: "1", b: "2" });
  });

  it("returns an object without a prototype", () => {
    const values = match("x/{__proto__}", "x/polluted");
    expect(values && Object.getPrototypeOf(values)).toBeNull();
    expect(values?.["__proto__"]).toBe("polluted");
  });

  it("caps the URI length at 8 KiB unless told otherwise", () => {
    const t = parseUriTemplate("file:///{+path}");
    const uri = (length: number) => "file:///" + "a".repeat(length - 8);
    expect(t.match(uri(8192))).toBeDefined();
    expect(t.match(uri(8193))).toBeUndefined();
    expect(t.match(uri(8193), { maxLength: 10_000 })).toBeDefined();
    expect(() => t.match("x", { maxLength: -1 })).toThrow(RangeError);
  });
});

describe("path-traversal guard", () => {
  const refused: [string, string][] = [
    ["file:///{+path}", "file:///../etc/passwd"],
    ["file:///{+path}", "file:///docs/../../etc/passwd"],
    ["file:///{+path}", "file:///docs/%2e%2e/%2E%2E/etc/passwd"],
    ["file:///{+path}", "file:///..%2Fetc%2Fpasswd"],
    ["file:///{+path}", "file:///a%5C..%5Cb"],
    ["file:///{+path}", "file:///a%00.txt"],
    ["files://{name}", "files://.."],
    ["files://{name}", "files://..%2Fsecret"],
    ["files://{name}", "files://a%2Fb"],
    ["files://{name}", "files://a%5Cb"],
    ["files://{name}", "files://a%2fb"],
    ["s://x{?q}", "s://x?q=%2e%2e"],
  ];

  it.each(refused)("refuses %s <- %s by default, accepts it with allowTraversal", (template, uri) => {
    expect(match(template, uri)).toBeUndefined();
    expect(match(template, uri, { allowTraversal: true })).toBeDefined();
  });

  it("accepts dots that are not a .. segment", () => {
    expect({ ...match("file:///{+path}", "file:///a..b/.../c.d") }).toEqual({ path: "a..b/.../c.d" });
    expect({ ...match("files://{name}", "files://..a") }).toEqual({ name: "..a" });
  });

  it.each(["%", "%zz", "a%2", "%C0%AF", "%ED%A0%80"])(
    "refuses malformed encoding %s even with allowTraversal",
    (bad) => {
      expect(match("file:///{+path}", `file:///${bad}`, { allowTraversal: true })).toBeUndefined();
    },
  );
});

describe("invalid templates", () => {
  it.each([
    ["a{b", /unclosed "\{" at index 1/],
    ["a}b", /unmatched "\}" at index 1/],
    ["{a{b}", /"\{" inside the expression/],
    ["x{}", /empty expression/],
    ["{+}", /names no variable/],
    ["{var:3}", /only levels 1-3 are supported/],
    ["{list*}", /only levels 1-3 are supported/],
    ["{/list*,path:4}", /only levels 1-3 are supported/],
    ["{!hello}", /operator "!" .* reserved/],
    ["{=path}", /operator "=" .* reserved/],
    ["{x, y}", /bad variable name " y"/],
    ["{x,}", /bad variable name ""/],
    ["{$var}", /bad variable name "\$var"/],
    ["{/?id}", /bad variable name "\?id"/],
    ["{a..b}", /bad variable name/],
    ["{a.}", /bad variable name/],
    ["{%4}", /bad variable name/],
    ["{x}/{x}", /variable "x" appears more than once/],
    ["{.who,who}", /appears more than once/],
    ["{/who,who}", /appears more than once/],
    ["a".repeat(1001), /1001 characters exceeds the limit of 1000/],
    [Array.from({ length: 65 }, (_, i) => `{v${i}}`).join("/"), /more than 64 expressions/],
  ])("rejects %s", (template, message) => {
    expect(() => parseUriTemplate(template)).toThrow(TypeError);
    expect(() => parseUriTemplate(template)).toThrow(message);
  });

  it("accepts dotted and percent-encoded names and keeps their order", () => {
    const t = parseUriTemplate("x{a.b}{%41_1}{?z,y}");
    expect(t.variableNames).toEqual(["a.b", "%41_1", "z", "y"]);
    expect(Object.isFrozen(t) && Object.isFrozen(t.variableNames)).toBe(true);
    expect(t.template).toBe("x{a.b}{%41_1}{?z,y}");
  });
});

describe("isTemplate", () => {
  it("tells templates from fixed URIs", () => {
    expect(isTemplate("greeting://{name}")).toBe(true);
    expect(isTemplate("file:///{+path}")).toBe(true);
    expect(isTemplate("config://app")).toBe(false);
    expect(isTemplate("odd://}{")).toBe(false);
  });
});

describe("linear time", () => {
  const adversarial: [string, string][] = [
    ["x{a}x{b}x{c}", "x".repeat(100_000)],
    ["{a}{b}{c}", "a".repeat(100_000)],
    ["{a}-{b}-{c}-{d}.", "a-".repeat(50_000)],
    ["{+a}x{+b}x{+c}y", "x".repeat(100_000)],
    [`{+a}${"x".repeat(900)}y{b}`, "x".repeat(100_000)],
    ["{?a,b,c}", "?a=" + "&".repeat(100_000)],
    ["{/a,b,c}x", "/".repeat(100_000)],
    ["{;a,b}{;c}", ";a" + "=".repeat(100_000)],
    ["file:///{+path}", "file:///" + "../".repeat(33_000)],
  ];

  it.each(adversarial)("matches %s against a 100 KB URI quickly", (template, uri) => {
    const t = parseUriTemplate(template);
    const start = performance.now();
    t.match(uri, { maxLength: 200_000 });
    expect(performance.now() - start).toBeLessThan(100);
  });
});
