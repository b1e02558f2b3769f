// typescript-eslint everywhere; the Office add-in rules (sync in loops, reads before load) on addin/.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";
import globals from "globals";

const officePlugin = officeAddins.default ?? officeAddins;

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "**/.wrangler/", "test-output/", "**/*.generated.*", "worker-configuration.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["addin/**/*.{ts,tsx}"],
    plugins: { "office-addins": officePlugin },
    rules: {
      "office-addins/call-sync-after-load": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/no-empty-load": "error",
      "office-addins/no-navigational-load": "warn",
      "office-addins/test-for-null-using-isNullObject": "error",
    },
  },
  {
    files: ["scripts/**/*.{js,mjs,ts}", "bench/**/*.{js,mjs,ts}", "test/**/*.{js,mjs}", "*.config.{js,ts}"],
    languageOptions: { globals: { ...globals.node } },
  },
);
