import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, statusForCode } from '../errors/index.ts';

interface WireError {
  error: { code: string; message: string; details?: unknown };
}

function wire(code: string, message: string, details?: unknown): WireError {
  return { error: { code, message, ...(details !== undefined ? { details } : {}) } };
}

/** One error shape for every route; never a stack trace or SQL on the wire. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.status).send(wire(error.code, error.message, error.details));
    }
    if (error.validation) {
      const details = error.validation.map((v) => ({
        field:
          (v.instancePath || '').replace(/^\//, '').replaceAll('/', '.') ||
          String((v.params as { missingProperty?: string }).missingProperty ?? error.validationContext ?? ''),
        message: v.message ?? 'is invalid',
      }));
      return reply
        .status(400)
        .send(wire('validation_failed', `Invalid ${error.validationContext ?? 'request'}`, details));
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.status(413).send(wire('payload_too_large', 'Request body is too large'));
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.status(400).send(wire('invalid_json', 'Request body is not valid JSON'));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.status(415).send(wire('unsupported_media_type', 'Unsupported content type'));
    }
    if (error.statusCode === 429) {
      return reply.status(429).send(wire('rate_limited', 'Too many requests; try again shortly'));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      const code = error.statusCode === 404 ? 'not_found' : 'bad_request';
      return reply.status(error.statusCode).send(wire(code, error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(wire('internal', 'Something went wrong on our side'));
  });
  app.setNotFoundHandler((request, reply) => {
    reply
      .status(statusForCode('not_found'))
      .send(wire('not_found', `No route ${request.method} ${request.url.split('?')[0]}`));
  });
}
