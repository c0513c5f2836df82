#!/usr/bin/env node
// `npm run dist` (after the build): packages the app with electron-builder, keeping node_modules'
// better-sqlite3 loadable by Node afterwards (see scripts/preserveNodeBuild.ts). Extra arguments go
// to electron-builder, e.g. `npm run dist -- --linux AppImage`.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { tsImport } = await import('tsx/esm/api');
const { withNodeBuildPreserved } = await tsImport('./preserveNodeBuild.ts', import.meta.url);

const buildDir = join(dirname(require.resolve('better-sqlite3/package.json')), 'build');
const backupDir = join(root, 'out', 'native', 'node-better-sqlite3-build');
const cli = join(dirname(require.resolve('electron-builder/package.json')), 'cli.js');

const status = await withNodeBuildPreserved(buildDir, backupDir, async () => {
  const result = spawnSync(process.execPath, [cli, '--config', 'electron-builder.yml', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  return result.status ?? 1;
});
process.exit(status);
