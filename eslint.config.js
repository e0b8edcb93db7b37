// ESLint: typescript-eslint's recommended rules over ESLint's own, and lines of at most 140 characters.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'bench-results/**', 'coverage/**', '.tap/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly',
      performance: 'readonly' } },
    rules: {
      'max-len': ['error', { code: 140, ignoreUrls: true, ignoreRegExpLiterals: true, ignoreStrings: true, ignoreTemplateLiterals: true }],
      // The house style marks deliberately unused names with a leading underscore (`{ year: _ignored, ...rest }`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_',
        destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // CommonJS files (test/swc-preact.cjs, loaded by ts-node with require()).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)
