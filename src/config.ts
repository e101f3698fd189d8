// Every setting of Guichet, read once from the environment. README.md documents each one.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { z } from 'zod';
import { COUNTRIES, type Country } from './modules/catalog/pack-schema.ts';
import type { S3Settings } from './platform/storage/s3-blobs.ts';

export const LOCALES = ['fr', 'en', 'ha', 'dje', 'wo'] as const;
export type Locale = (typeof LOCALES)[number];

const TIME_ZONES: Record<Country, string> = {
  ne: 'Africa/Niamey',
  sn: 'Africa/Dakar',
  ci: 'Africa/Abidjan',
};

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('./data'),
  PUBLIC_URL: z.string().url().optional(),
  DEFAULT_LOCALE: z.enum(LOCALES).default('fr'),
  DEMO_COUNTRY: z.enum(COUNTRIES).default('ne'),
  SEED_DEMO: z.enum(['true', 'false']).optional(),
  WORKER: z.enum(['true', 'false']).default('true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Guichet <no-reply@guichet.local>'),
  SMS_GATEWAY_URL: z.string().url().optional(),
  SMS_GATEWAY_USER: z.string().optional(),
  SMS_GATEWAY_PASSWORD: z.string().optional(),
  SMS_SENDER: z.string().default('Guichet'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true'),
  PAYMENT_PROVIDER: z.enum(['sandbox', 'cinetpay']).optional(),
  PAYMENT_OPERATORS: z.string().regex(/^[a-z]+(,[a-z]+)*$/, 'operator codes separated by commas').optional(),
  PAYMENT_EXPIRY_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  PAYMENT_SANDBOX_DELAY_SECONDS: z.coerce.number().min(0).max(600).optional(),
  PAYMENT_SANDBOX_SECRET: z.string().min(8).default('guichet-sandbox-secret'),
  CINETPAY_API_KEY: z.string().optional(),
  CINETPAY_SITE_ID: z.string().optional(),
  CINETPAY_SECRET_KEY: z.string().optional(),
  CINETPAY_BASE_URL: z.string().url().default('https://api-checkout.cinetpay.com'),
  DOCUMENTS_MASTER_KEY: z.string().optional(),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  production: boolean;
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  publicUrl: string;
  defaultLocale: Locale;
  country: Country;
  timeZone: string;
  seedDemo: boolean;
  worker: boolean;
  logLevel: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  sms: { url: string; user: string; password: string; sender: string } | undefined;
  rateLimitPerMinute: number;
  /** Behind nginx/HAProxy: take the client address from X-Forwarded-For (for limits and logs). */
  trustProxy: boolean;
  /** Uploaded files in an S3-compatible bucket (set by S3_BUCKET); unset: in DATA_DIR/files. */
  s3: S3Settings | undefined;
  /** Fees paid by mobile money (decision 0017, src/modules/payments). */
  payments: PaymentSettings;
  /** 32 bytes that encrypt the documents' private sealing keys at rest (DOCUMENTS_MASTER_KEY). */
  documentsMasterKey: Buffer;
  /** True when no DOCUMENTS_MASTER_KEY was given and a fixed development key stands in (never in production). */
  documentsMasterKeyIsDev: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  // One half of a key pair would silently fall back to other credentials: refuse it.
  if (!e.S3_ACCESS_KEY_ID !== !e.S3_SECRET_ACCESS_KEY) {
    throw new Error('Invalid configuration:\n  S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both or neither');
  }
  const production = e.NODE_ENV === 'production';
  const masterKey = documentsMasterKey(e.DOCUMENTS_MASTER_KEY, production);
  return {
    env: e.NODE_ENV,
    production,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir: resolve(e.DATA_DIR),
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    defaultLocale: e.DEFAULT_LOCALE,
    country: e.DEMO_COUNTRY,
    timeZone: TIME_ZONES[e.DEMO_COUNTRY],
    // Demo data never reaches a production database unless an operator asks for it explicitly.
    seedDemo: e.SEED_DEMO ? e.SEED_DEMO === 'true' : !production,
    worker: e.WORKER === 'true',
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    sms: e.SMS_GATEWAY_URL
      ? {
          url: e.SMS_GATEWAY_URL,
          user: e.SMS_GATEWAY_USER ?? '',
          password: e.SMS_GATEWAY_PASSWORD ?? '',
          sender: e.SMS_SENDER,
        }
      : undefined,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    trustProxy: e.TRUST_PROXY === 'true',
    payments: paymentSettings(e, production),
    s3: e.S3_BUCKET
      ? {
          endpoint: e.S3_ENDPOINT || undefined,
          region: e.S3_REGION,
          bucket: e.S3_BUCKET,
          accessKeyId: e.S3_ACCESS_KEY_ID || undefined,
          secretAccessKey: e.S3_SECRET_ACCESS_KEY || undefined,
          // MinIO, Garage and Ceph are usually reached by one host name, without a DNS name per bucket.
          forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true',
        }
      : undefined,
    documentsMasterKey: masterKey.key,
    documentsMasterKeyIsDev: masterKey.dev,
  };
}

/**
 * The master key of the documents' sealing keys: 64 hexadecimal characters or 32 bytes in base64. Production
 * refuses to start without it (a lost or guessable key would let anyone seal documents); elsewhere a fixed
 * development key stands in, and the server says so in its log.
 */
function documentsMasterKey(value: string | undefined, production: boolean): { key: Buffer; dev: boolean } {
  const fail = (why: string) => new Error(`Invalid configuration:\n  DOCUMENTS_MASTER_KEY: ${why}`);
  if (!value) {
    if (production) throw fail('required in production (32 random bytes: `openssl rand -hex 32`)');
    return { key: createHash('sha256').update('guichet development documents master key').digest(), dev: true };
  }
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) throw fail('must be 32 bytes, as 64 hexadecimal characters or in base64');
  return { key, dev: false };
}

export interface PaymentSettings {
  /** Null in production until one is configured: fees cannot be paid online then (the payment page says so). */
  provider: 'sandbox' | 'cinetpay' | null;
  /** The operators offered to payers, in this order (PAYMENT_OPERATORS; default per country). */
  operators: string[];
  expiryMinutes: number;
  sandbox: { delaySeconds: number; secret: string };
  cinetpay: { apiKey: string; siteId: string; secretKey: string; baseUrl: string } | undefined;
}

/** Mobile money offered by default where Guichet runs (the operators of each country's market). */
const OPERATORS_BY_COUNTRY: Record<Country, string[]> = {
  ne: ['airtel', 'moov', 'orange'],
  sn: ['orange', 'wave', 'free'],
  ci: ['orange', 'mtn', 'moov', 'wave'],
};

function paymentSettings(e: z.infer<typeof schema>, production: boolean): PaymentSettings {
  const fail = (why: string) => new Error(`Invalid configuration:\n  ${why}`);
  const provider = e.PAYMENT_PROVIDER ?? (production ? null : 'sandbox');
  // The sandbox confirms whatever it is asked: it must never stand in for a real country's fees.
  if (production && provider === 'sandbox') throw fail('PAYMENT_PROVIDER: the sandbox is refused in production');
  const cinetpay =
    e.CINETPAY_API_KEY && e.CINETPAY_SITE_ID && e.CINETPAY_SECRET_KEY
      ? { apiKey: e.CINETPAY_API_KEY, siteId: e.CINETPAY_SITE_ID, secretKey: e.CINETPAY_SECRET_KEY, baseUrl: e.CINETPAY_BASE_URL.replace(/\/$/, '') }
      : undefined;
  if (provider === 'cinetpay' && !cinetpay) throw fail('CINETPAY_API_KEY, CINETPAY_SITE_ID, CINETPAY_SECRET_KEY: required with PAYMENT_PROVIDER=cinetpay');
  return {
    provider,
    operators: e.PAYMENT_OPERATORS ? e.PAYMENT_OPERATORS.split(',') : OPERATORS_BY_COUNTRY[e.DEMO_COUNTRY],
    expiryMinutes: e.PAYMENT_EXPIRY_MINUTES,
    // Tests want the "operator" to answer at once; a person trying the sandbox sees the wait page first.
    sandbox: { delaySeconds: e.PAYMENT_SANDBOX_DELAY_SECONDS ?? (e.NODE_ENV === 'test' ? 0 : 5), secret: e.PAYMENT_SANDBOX_SECRET },
    cinetpay,
  };
}
