// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import importX from "eslint-plugin-import-x";

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

/** One zone per (lower layer folder, higher layer folder) pair, plus server <-> client. */
function layerZones() {
  const zones = [];
  layers.forEach((lower, i) => {
    const higher = layers.slice(i + 1).flat();
    for (const target of lower) {
      for (const from of higher) {
        zones.push({
          target: `./src/${target}`,
          from: `./src/${from}`,
          message: `Layer ${target} must not import from higher layer ${from} (DESIGN.md, Layers).`,
        });
      }
    }
  });
  zones.push({
    target: "./src/server",
    from: "./src/client",
    message: "server and client never import each other.",
  });
  zones.push({
    target: "./src/client",
    from: "./src/server",
    message: "server and client never import each other.",
  });
  return zones;
}

export default tseslint.config(
  { ignores: ["dist", "node_modules", "coverage", "src/spec/generated"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["*.js", "*.ts"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { "import-x": importX },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "import-x/no-restricted-paths": ["error", { zones: layerZones() }],
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
    },
  },
  { files: ["**/*.js"], ...tseslint.configs.disableTypeChecked },
);
