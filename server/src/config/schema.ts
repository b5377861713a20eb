// Every setting Parley reads, with its default and what it means. Validated once at boot.

export interface SettingSpec {
  description: string;
  default?: string;
  isSensitive?: boolean;
  parse: (raw: string) => unknown;
}

const integer = (min: number, max: number) => (raw: string) => {
  if (!/^-?\d+$/.test(raw.trim())) throw new Error(`must be an integer, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new Error(`must be between ${min} and ${max}, got ${value}`);
  return value;
};
const oneOf =
  <T extends string>(...values: T[]) =>
  (raw: string) => {
    if (!values.includes(raw as T)) throw new Error(`must be one of ${values.join(', ')}, got "${raw}"`);
    return raw as T;
  };
const text = (raw: string) => raw;
const optionalUrl = (protocols: string[]) => (raw: string) => {
  if (raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('must be a URL');
  }
  if (!protocols.includes(url.protocol)) throw new Error(`must use ${protocols.join(' or ')}`);
  return raw;
};
const boolean = (raw: string) => {
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off', ''].includes(raw.toLowerCase())) return false;
  throw new Error(`must be true or false, got "${raw}"`);
};
const secretKey = (raw: string) => {
  if (raw === '') return undefined;
  if (raw.length < 32) throw new Error('must be at least 32 characters (try: openssl rand -hex 32)');
  return raw;
};

export const settings = {
  PORT: { description: 'HTTP port to listen on', default: '3000', parse: integer(0, 65535) },
  HOST: { description: 'Network interface the HTTP server binds to', default: '0.0.0.0', parse: text },
  DATABASE_URL: {
    description: 'PostgreSQL connection URL; empty means embedded PGlite under PARLEY_DATA_DIR',
    default: '',
    isSensitive: true,
    parse: optionalUrl(['postgres:', 'postgresql:']),
  },
  DATABASE_POOL_SIZE: {
    description: 'PostgreSQL connections per process',
    default: '12',
    parse: integer(1, 200),
  },
  PARLEY_DATA_DIR: {
    description: 'Directory for embedded data and generated keys',
    default: './.parley',
    parse: text,
  },
  PARLEY_SECRET_KEY: {
    description:
      'Key that encrypts channel credentials at rest and signs sessions; generated into the data directory on the first embedded run, required with DATABASE_URL',
    default: '',
    isSensitive: true,
    parse: secretKey,
  },
  PUBLIC_URL: {
    description: 'Public base URL of this server (webhook URLs and links are built from it)',
    default: 'http://localhost:3000',
    parse: (raw: string) => optionalUrl(['http:', 'https:'])(raw) ?? 'http://localhost:3000',
  },
  LOG_LEVEL: {
    description: 'Lowest level of structured log lines written to stdout',
    default: 'info',
    parse: oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'),
  },
  PARLEY_ROLE: {
    description: 'Which parts run in this process: api (HTTP only), worker (pipeline only) or all',
    default: 'all',
    parse: oneOf('api', 'worker', 'all'),
  },
  PARLEY_DEMO: {
    description: 'Demo mode: seeds a demo account with known passwords',
    default: 'false',
    parse: boolean,
  },
  WEBHOOK_BODY_LIMIT_BYTES: {
    description: 'Largest accepted webhook or API body',
    default: String(1024 * 1024),
    parse: integer(1024, 64 * 1024 * 1024),
  },
  ATTACHMENT_MAX_BYTES: {
    description:
      'Largest file an agent may attach to a reply (bytes; platforms have their own, often lower, limits)',
    default: String(10 * 1024 * 1024),
    parse: integer(1024, 100 * 1024 * 1024),
  },
  ATTACHMENT_TYPES: {
    description:
      'Comma-separated MIME types agents may attach (type/* allows a family); anything else is refused with 415',
    default:
      'image/jpeg,image/png,image/gif,image/webp,video/mp4,audio/mpeg,audio/ogg,audio/aac,audio/mp4,application/pdf,text/plain,text/csv,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    parse: (raw: string) => {
      const types = raw
        .split(',')
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean);
      const bad = types.filter((t) => !/^[a-z0-9.+-]+\/([a-z0-9.+-]+|\*)$/.test(t));
      if (bad.length > 0) throw new Error(`not MIME types: ${bad.join(', ')}`);
      return types;
    },
  },
  INBOUND_RETENTION_DAYS: {
    description:
      'Processed webhook deliveries are kept this long (pending and parked ones stay until handled); messages are kept regardless',
    default: '30',
    parse: integer(1, 3650),
  },
  REALTIME_RETENTION_HOURS: {
    description:
      'Realtime events are kept this long for clients resuming a dropped connection; a client away longer reloads',
    default: '72',
    parse: integer(1, 24 * 90),
  },
  REOPEN_WINDOW_DAYS: {
    description: 'A customer message on a resolved conversation younger than this reopens it',
    default: '7',
    parse: integer(0, 365),
  },
  SESSION_TTL_HOURS: {
    description: 'Session lifetime since last use',
    default: '12',
    parse: integer(1, 24 * 90),
  },
  LOGIN_RATE_LIMIT_PER_MINUTE: {
    description: 'Login attempts allowed per IP address per minute',
    default: '10',
    parse: integer(1, 10_000),
  },
  INBOUND_BATCH_SIZE: {
    description: 'Inbound events a worker claims per batch',
    default: '500',
    parse: integer(1, 5000),
  },
  INBOUND_WORKERS: {
    description: 'Concurrent inbound worker loops per process',
    default: '2',
    parse: integer(1, 64),
  },
  INBOUND_MAX_ATTEMPTS: {
    description: 'Attempts before an inbound event is parked as dead',
    default: '5',
    parse: integer(1, 100),
  },
  OUTBOX_MAX_ATTEMPTS: {
    description: 'Send attempts before an outbound reply is marked failed',
    default: '8',
    parse: integer(1, 100),
  },
  OUTBOX_TIMEOUT_MS: {
    description: 'Timeout of one outbound send request',
    default: '10000',
    parse: integer(100, 120_000),
  },
  SMTP_INBOUND_PORT: {
    description:
      'Port of the built-in SMTP listener that receives mail for email channels (0: off; the demo uses 2525)',
    default: '0',
    parse: integer(0, 65535),
  },
  SMTP_INBOUND_HOST: {
    description: 'Address the SMTP listener binds to',
    default: '0.0.0.0',
    parse: text,
  },
  SIMULATOR_PORT: {
    description: 'Port of the platform simulator that demo mode starts on loopback',
    default: '3100',
    parse: integer(0, 65535),
  },
  SECURE_COOKIES: {
    description: 'Mark session cookies Secure (set true behind TLS)',
    default: 'false',
    parse: boolean,
  },
  SMTP_URL: {
    description:
      'SMTP server for system mail such as listening alerts (smtp:// or smtps://user:pass@host:port); empty: system mail is off',
    default: '',
    isSensitive: true,
    parse: optionalUrl(['smtp:', 'smtps:']),
  },
  MAIL_FROM: {
    description: 'Sender address of system mail',
    default: 'Parley <no-reply@parley.localhost>',
    parse: text,
  },
} satisfies Record<string, SettingSpec>;
