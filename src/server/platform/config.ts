import path from 'node:path';
import { z } from 'zod';

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int('must be an integer').min(0).max(65535).default(3000),
  CHUANYU_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)')
    .optional(),
  CHUANYU_DATA_DIR: z.string().min(1).default('./data'),
  CHUANYU_DEMO: z.enum(['0', '1']).optional(),
  CHUANYU_TRUST_PROXY: z.enum(['0', '1']).default('0'),
  CHUANYU_SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 7),
  CHUANYU_DB_RETRY_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** A CJK font for PDFs (reports, booth cards): a .ttf/.otf file, or `file.ttc#PostScriptName`. */
  CHUANYU_PDF_FONT: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  databaseUrl: string | undefined;
  host: string;
  port: number;
  secret: string | undefined;
  dataDir: string;
  demoForced: boolean;
  /** Behind a TLS-terminating proxy: trust X-Forwarded-* (client IP, https → Secure cookies). */
  trustProxy: boolean;
  sessionHours: number;
  dbRetrySeconds: number;
  /** CHUANYU_PDF_FONT: the PDFs' CJK font instead of the first one installed (platform/pdf.ts). */
  pdfFont: string | undefined;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(
      ['配置有误 / Invalid configuration:', ...problems.map((p) => `  - ${p}`)].join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Read and validate configuration from the environment; every bad variable is reported at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '?');
        return `${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    host: e.HOST,
    port: e.PORT,
    secret: e.CHUANYU_SECRET,
    dataDir: path.resolve(e.CHUANYU_DATA_DIR),
    demoForced: e.CHUANYU_DEMO === '1',
    trustProxy: e.CHUANYU_TRUST_PROXY === '1',
    sessionHours: e.CHUANYU_SESSION_HOURS,
    dbRetrySeconds: e.CHUANYU_DB_RETRY_SECONDS,
    pdfFont: e.CHUANYU_PDF_FONT,
    logLevel: e.LOG_LEVEL,
  };
}

/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
