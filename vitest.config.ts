import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Fixture projects hold test files of their own, which the rules lint but vitest must not run.
    exclude: [...configDefaults.exclude, 'tests/fixtures/**'],
    setupFiles: ['tests/setup.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // CLI tests spawn several processes; a busy CI machine can take minutes over them.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
