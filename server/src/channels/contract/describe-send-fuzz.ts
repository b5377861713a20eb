import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReplyRefused, type SendOutcome } from '../adapter.ts';
import type { AdapterFixtureSet } from './fixture-set.ts';

// The outbox trusts these two functions blindly, so they are fuzzed too: interpretSend must turn any
// platform answer into a usable outcome, and buildSend must either build a request or refuse.

const RUNS = 200;

function outcomeProblems(outcome: SendOutcome): string[] {
  const problems: string[] = [];
  if (outcome.kind === 'sent' && (typeof outcome.externalId !== 'string' || outcome.externalId === '')) {
    problems.push('sent without an id');
  }
  if (outcome.kind !== 'sent' && (typeof outcome.error !== 'string' || outcome.error === '')) {
    problems.push('no error text');
  }
  if (outcome.kind === 'retry' && outcome.retryAfterMs !== undefined) {
    if (!Number.isFinite(outcome.retryAfterMs) || outcome.retryAfterMs < 0) problems.push('bad retryAfterMs');
  }
  if (!['sent', 'retry', 'failed'].includes(outcome.kind)) problems.push(`unknown kind ${outcome.kind}`);
  return problems;
}

const headerNames = fc.constantFrom(
  'retry-after',
  'Retry-After',
  'x-rate-limit-remaining',
  'x-rate-limit-reset',
  'x-user-limit-24hour-remaining',
  'x-user-limit-24hour-reset',
  'x-business-use-case-usage',
  'x-page-usage',
);
const headerValues = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer({ min: -1e12, max: 1e12 }).map(String),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
);
const bodies = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc
    .record({ error: fc.record({ code: fc.integer(), message: fc.string(), is_transient: fc.boolean() }) })
    .map((v) => JSON.stringify(v)),
  fc.record({ data: fc.record({ id: fc.string() }) }).map((v) => JSON.stringify(v)),
);

export function describeSendFuzz(name: string, fixtures: AdapterFixtureSet): void {
  const { adapter, channel } = fixtures;

  describe(`${name} send path under fuzzing`, () => {
    it('interprets any platform answer as sent, retry or failed', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 100, max: 599 }),
          fc.dictionary(headerNames, headerValues, { maxKeys: 4 }),
          bodies,
          fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
          (status, headers, body, now) => {
            const outcome = adapter.interpretSend(status, headers, body, now);
            expect(outcomeProblems(outcome)).toEqual([]);
            if (status === 429 || status >= 500) expect(outcome.kind).toBe('retry');
          },
        ),
        { numRuns: RUNS },
      );
    });

    it('builds a request or refuses, for any text and window, and never puts the token in the URL', () => {
      const token = channel.secrets.accessToken ?? '\u0000';
      fc.assert(
        fc.property(
          fc.constantFrom(...fixtures.sends),
          fc.string({ unit: 'grapheme', maxLength: 400 }),
          fc.integer({ min: -48, max: 24 * 10 }),
          (send, text, hoursSinceCustomer) => {
            const lastCustomerMessageAt = new Date(
              send.now.getTime() - hoursSinceCustomer * 3_600_000,
            ).toISOString();
            try {
              const spec = adapter.buildSend(
                { ...send.reply, text, lastCustomerMessageAt },
                channel,
                send.now,
              );
              // HTTP for the platforms; smtp:// and webchat:// name the non-HTTP transports.
              expect(spec.url).toMatch(/^(https?|smtp|webchat):\/\//);
              expect(spec.url).not.toContain(token);
            } catch (error) {
              expect(error).toBeInstanceOf(ReplyRefused);
            }
          },
        ),
        { numRuns: RUNS },
      );
    });
  });
}
