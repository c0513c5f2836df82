import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one fewer worker than cores: one worker on a 2-core machine, where most test
    // time is spent waiting on child processes, sockets and fsync.
    maxWorkers: 2,
  },
});
