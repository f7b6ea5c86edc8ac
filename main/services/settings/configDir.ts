import envPaths from 'env-paths';

/**
 * samlabel's per-user config folder (remembered project databases, settings of the CLI).
 * SAMLABEL_CONFIG_DIR overrides it (tests, portable installs).
 */
export function configDir(): string {
  return process.env.SAMLABEL_CONFIG_DIR ?? envPaths('samlabel', { suffix: '' }).config;
}
