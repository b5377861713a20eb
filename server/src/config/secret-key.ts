import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The key from the environment, or — on embedded storage only — the one generated into the data
 * directory on first run, so a restart can still decrypt what it stored.
 */
export function resolveSecretKey(config: {
  PARLEY_SECRET_KEY: string | undefined;
  PARLEY_DATA_DIR: string;
}): string {
  if (config.PARLEY_SECRET_KEY) return config.PARLEY_SECRET_KEY;
  const path = join(config.PARLEY_DATA_DIR, 'secret.key');
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(config.PARLEY_DATA_DIR, { recursive: true });
  const key = randomBytes(32).toString('hex');
  writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
