import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Level, type Logger } from 'pino';
import { currentLogContext } from './log-context.ts';

/** The log levels the services' LOG_LEVEL setting names (Nest's), from most to least severe. */
export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];
export type LogFormat = 'json' | 'text';

const PINO_LEVEL: Record<LogLevelName, Level> = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

export interface JsonLoggerOptions {
  /** Written on every line as `service`. */
  service: string;
  level: LogLevelName;
  /** json (one object per line) for machines; text for a person reading a terminal. */
  format?: LogFormat;
  /** Defaults to stdout. */
  destination?: DestinationStream;
}

/** A pino logger whose lines also carry the fields of the current request or job. */
export function createJsonLogger(options: JsonLoggerOptions): Logger {
  const destination = options.destination ?? pino.destination({ dest: 1, sync: true });
  return pino(
    {
      level: PINO_LEVEL[options.level],
      base: { service: options.service, pid: process.pid },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => currentLogContext() ?? {},
    },
    options.format === 'text' ? textStream(destination) : destination,
  );
}

const RESERVED = new Set(['level', 'time', 'msg', 'service', 'pid', 'context', 'err']);

/** Turns pino's JSON lines into `12:00:00.000 INFO  [Context] message key=value`. */
function textStream(out: DestinationStream): DestinationStream {
  return {
    write(line: string) {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        out.write(line);
        return;
      }
      const time = typeof entry.time === 'string' ? entry.time.slice(11, 23) : '';
      const level = String(entry.level ?? '')
        .toUpperCase()
        .padEnd(5);
      const context = entry.context ? `[${String(entry.context)}] ` : '';
      const fields = Object.entries(entry)
        .filter(([key]) => !RESERVED.has(key))
        .map(
          ([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`,
        )
        .join(' ');
      const err = entry.err as { stack?: string } | undefined;
      out.write(
        `${time} ${level} ${context}${String(entry.msg ?? '')}${fields ? ` ${fields}` : ''}${err?.stack ? `\n${err.stack}` : ''}\n`,
      );
    },
  };
}

function isContextName(value: unknown): value is string {
  return typeof value === 'string' && /^[\w.-]+$/.test(value);
}

/**
 * Nest's LoggerService on top of pino, so every `new Logger(ClassName)` in the services writes
 * structured lines with `context` set to the class name.
 */
export class NestJsonLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Nest calls error(message, stack?, context?). */
  error(message: unknown, ...params: unknown[]): void {
    const context = params.length > 0 && isContextName(params.at(-1)) ? params.pop() : undefined;
    const stack = typeof params[0] === 'string' ? params[0] : undefined;
    const fields: Record<string, unknown> = { context };
    if (message instanceof Error) fields.err = message;
    else if (stack) fields.err = { stack };
    this.pino.error(fields, message instanceof Error ? message.message : stringify(message));
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const context = params.length > 0 && isContextName(params.at(-1)) ? params.at(-1) : undefined;
    if (message !== null && typeof message === 'object' && !(message instanceof Error)) {
      this.pino[level]({ context, ...(message as Record<string, unknown>) });
      return;
    }
    this.pino[level]({ context }, stringify(message));
  }
}

function stringify(message: unknown): string {
  if (typeof message === 'string') return message;
  if (message instanceof Error) return message.message;
  return JSON.stringify(message) ?? String(message);
}
