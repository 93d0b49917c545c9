import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/**', 'drizzle/**', 'node_modules/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    // nestjs-zod's own createZodDto documents nullable fields as arrays (see platform/http/zod-dto.ts).
    files: ['src/**/*.ts', 'test/**/*.ts'],
    ignores: ['src/platform/http/zod-dto.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'nestjs-zod',
              importNames: ['createZodDto'],
              message: 'Use createZodDto from src/platform/http/zod-dto.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read untyped JSON bodies.
    files: ['test/**/*.ts', 'src/**/*.spec.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
