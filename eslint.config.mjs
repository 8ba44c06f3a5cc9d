// ESLint: typescript-eslint's type-checked rules (no floating promises) and React hooks rules.
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

// Every word a person sees comes from messages/*.json (next-intl). This flags English written
// straight into JSX: text between tags, a string literal as a child, and the attributes people see
// or hear (aria-label, title, placeholder, alt, label). Text without a word in lower case passes
// (" · ", "→", the code pattern "ABCD-EFGH").
const USER_FACING_ATTRIBUTES = new Set(["aria-label", "aria-description", "aria-placeholder", "title", "placeholder", "alt", "label"]);
const hasWords = (text) => /\p{L}{2,}/u.test(text) && /\p{Ll}/u.test(text);
const literalText = (node) =>
  node.type === "Literal" && typeof node.value === "string" ? node.value
  : node.type === "TemplateLiteral" ? node.quasis.map((q) => q.value.cooked ?? "").join(" ")
  : null;
const noLiteralText = {
  meta: { type: "problem", messages: { literal: "User-facing text \"{{text}}\" must come from the message catalogues (messages/*.json via next-intl)." }, schema: [] },
  create(context) {
    const report = (node, text) => context.report({ node, messageId: "literal", data: { text: text.trim().slice(0, 40) } });
    return {
      JSXText(node) {
        if (hasWords(node.value)) report(node, node.value);
      },
      JSXExpressionContainer(node) {
        if (node.parent.type !== "JSXElement" && node.parent.type !== "JSXFragment") return;
        const text = literalText(node.expression);
        if (text !== null && hasWords(text)) report(node, text);
      },
      JSXAttribute(node) {
        const name = node.name.type === "JSXIdentifier" ? node.name.name : "";
        if (!USER_FACING_ATTRIBUTES.has(name) || !node.value) return;
        const value = node.value.type === "JSXExpressionContainer" ? node.value.expression : node.value;
        const text = literalText(value);
        if (text !== null && hasWords(text)) report(node, text);
      },
    };
  },
};

export default tseslint.config(
  { ignores: [".next/**", ".next-test/**", ".next-fuzz/**", "node_modules/**", "data/**", ".tmp/**", "next-env.d.ts", "prisma/generated/**", "**/*.mjs", "**/*.mts", "**/*.js", "**/*.cjs", "!app/sw.js/"] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["app/**/*.tsx", "components/**/*.tsx"],
    plugins: { reelmatch: { rules: { "no-literal-text": noLiteralText } } },
    rules: { "reelmatch/no-literal-text": "error" },
  },
  {
    files: ["tests/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
);
