// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Layers from DESIGN.md, lowest first. Code may import only from its own layer or below. */
const layers = [
  ["spec", "jsonrpc", "schema", "util"],
  ["transport"],
  ["session"],
  ["protocol"],
  ["server", "client"],
  ["http", "auth", "store"],
  ["adapters", "stdio", "redis", "testing"],
  ["cli"],
];

/** Relative-import patterns that reach folder `name` from anywhere up to three levels deep in src. */
const reach = (name) => [
  `../${name}/*`,
  `../../${name}/*`,
  `../../../${name}/*`,
  `../${name}`,
  `../../${name}`,
];

/**
 * One override per lower-layer folder forbidding imports from every higher layer (plain ESLint
 * no-restricted-imports: relative specifiers need no resolver), plus server <-> client.
 */
function layerRules() {
  return layers.flatMap((lower, i) => {
    const higher = layers.slice(i + 1).flat();
    return lower.map((folder) => {
      const forbidden = [...higher];
      if (folder === "server") forbidden.push("client");
      if (folder === "client") forbidden.push("server");
      return {
        files: [`src/${folder}/**/*.ts`],
        rules: {
          "no-restricted-imports": [
            "error",
            {
              patterns: forbidden.map((name) => ({
                group: reach(name),
                message: `src/${folder} must not import from src/${name}: layers only import downward (DESIGN.md, Layers).`,
              })),
            },
          ],
        },
      };
    });
  });
}

export default tseslint.config(
  { ignores: ["dist", "node_modules", "coverage", "src/spec/generated"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["*.js", "test/fixtures/*/*.mjs"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["test/**", "examples/**", "scripts/**", "**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
      // Handlers and fixtures are often async for their signature's sake.
      "@typescript-eslint/require-await": "off",
    },
  },
  ...layerRules(),
  { files: ["**/*.js", "**/*.mjs"], ...tseslint.configs.disableTypeChecked },
);
