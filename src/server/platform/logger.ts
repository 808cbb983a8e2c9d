import pino, { type Logger } from 'pino';
import type { Config } from './config.js';

/** The process logger; Fastify makes one child per request carrying its request id. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { app: 'chuanyu' },
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true },
  });
}
