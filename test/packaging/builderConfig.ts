import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * electron-builder.yml read and validated by electron-builder itself (its loader and its JSON schema),
 * so a misspelt fuse or option fails a test rather than being ignored by `npm run dist`.
 */
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface BuilderConfig {
  asar?: boolean;
  asarUnpack?: string[];
  /** Normalised by electron-builder into file sets. */
  files?: { filter?: string[] }[];
  npmRebuild?: boolean;
  electronFuses?: Record<string, boolean>;
}
interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: object | null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
}

export async function electronBuilderConfig(): Promise<BuilderConfig> {
  // app-builder-lib is electron-builder's own package: resolved through it, as electron-builder does.
  const fromBuilder = createRequire(createRequire(join(projectRoot, 'package.json')).resolve('electron-builder/package.json'));
  const configModule = fromBuilder('app-builder-lib/out/util/config/config.js') as ConfigModule;
  const config = await configModule.getConfig(projectRoot, join(projectRoot, 'electron-builder.yml'), null);
  await configModule.validateConfiguration(config, { isEnabled: false, add: () => {} });
  return config;
}

/** A glob of asarUnpack's kind (`*` within a path segment, `**` across them) as a RegExp over app-relative paths. */
export function globRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === '*' && glob.charAt(i + 1) === '*') {
      const slash = glob.charAt(i + 2) === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else source += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
