import { settings } from './schema.ts';

type Settings = typeof settings;

export interface Config {
  PORT: number;
  HOST: string;
  DATABASE_POOL_SIZE: number;
  PARLEY_DATA_DIR: string;
  PUBLIC_URL: string;
  LOG_LEVEL: string;
  PARLEY_ROLE: 'api' | 'worker' | 'all';
  PARLEY_DEMO: boolean;
  WEBHOOK_BODY_LIMIT_BYTES: number;
  ATTACHMENT_MAX_BYTES: number;
  ATTACHMENT_TYPES: string[];
  INBOUND_RETENTION_DAYS: number;
  REALTIME_RETENTION_HOURS: number;
  REOPEN_WINDOW_DAYS: number;
  SESSION_TTL_HOURS: number;
  LOGIN_RATE_LIMIT_PER_MINUTE: number;
  INBOUND_BATCH_SIZE: number;
  INBOUND_WORKERS: number;
  INBOUND_MAX_ATTEMPTS: number;
  OUTBOX_MAX_ATTEMPTS: number;
  OUTBOX_TIMEOUT_MS: number;
  SECURE_COOKIES: boolean;
  SMTP_URL: string | undefined;
  MAIL_FROM: string;
  SIMULATOR_PORT: number;
  SMTP_INBOUND_PORT: number;
  SMTP_INBOUND_HOST: string;
  DATABASE_URL: string | undefined;
  PARLEY_SECRET_KEY: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parse every setting from the environment, collecting all problems before failing. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  const config: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(settings) as [string, (typeof settings)[keyof Settings]][]) {
    const raw = env[name] ?? spec.default ?? '';
    try {
      config[name] = spec.parse(raw);
    } catch (error) {
      const shown = 'isSensitive' in spec && spec.isSensitive ? '(hidden)' : JSON.stringify(raw);
      problems.push(`${name}=${shown}: ${(error as Error).message}`);
    }
  }
  if (config.DATABASE_URL && !config.PARLEY_SECRET_KEY) {
    problems.push('PARLEY_SECRET_KEY: required when DATABASE_URL is set (every process must share it)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config as unknown as Config;
}

/** The settings table for `parley config` and the docs: name, default, description. */
export function describeSettings(): {
  name: string;
  default: string;
  description: string;
  isSensitive: boolean;
}[] {
  return Object.entries(settings).map(([name, spec]) => ({
    name,
    default: spec.default ?? '',
    description: spec.description,
    isSensitive: 'isSensitive' in spec && spec.isSensitive === true,
  }));
}

export { resolveSecretKey } from './secret-key.ts';
