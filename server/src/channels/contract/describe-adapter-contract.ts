import { describe, expect, it } from 'vitest';
import { ReplyRefused, type WebhookRequest } from '../adapter.ts';
import { type AdapterFixtureSet, toRawBody } from './fixture-set.ts';
import { deliveryProblems } from './well-formed.ts';

// The one contract every channel adapter is held to. Call it from a test file with the adapter's
// fixture set: `describeAdapterContract('messenger', messengerFixtures)`.

export function describeAdapterContract(name: string, fixtures: AdapterFixtureSet): void {
  const { adapter, channel } = fixtures;
  const parse = (body: unknown) => adapter.parse(toRawBody(body), channel);
  const request = (rawBody: Buffer, headers: WebhookRequest['headers'] = {}, query = {}): WebhookRequest => ({
    rawBody,
    headers,
    query,
  });

  describe(`${name} adapter contract`, () => {
    it('declares the provider and sane capabilities', () => {
      expect(adapter.provider).toBe(channel.provider);
      const capabilities = adapter.capabilities(channel);
      expect(capabilities.isPublic || capabilities.isPrivate).toBe(true);
      expect(capabilities.maxTextLength).toBeGreaterThan(0);
    });

    describe('handshake', () => {
      const handshake = fixtures.handshake;
      if (handshake) {
        it('answers a valid handshake', () => {
          expect(
            adapter.answerHandshake(request(Buffer.alloc(0), {}, handshake.valid.query), channel),
          ).toEqual(handshake.valid.expected);
        });
        it.each(handshake.refused)('refuses $name', ({ query }) => {
          expect(adapter.answerHandshake(request(Buffer.alloc(0), {}, query), channel)).toBeNull();
        });
      }
      it('answers nothing without a query', () => {
        expect(adapter.answerHandshake(request(Buffer.alloc(0)), channel)).toBeNull();
      });
    });

    describe('signature', () => {
      const secret = channel.secrets.signingSecret ?? '';
      const body = toRawBody(fixtures.payloads[0]?.body ?? {});
      const signatureHeaders = fixtures.signatureHeaders;
      if (!signatureHeaders) {
        it('refuses every webhook delivery, whatever it carries', () => {
          const lookalikes = [
            {},
            { 'x-parley-signature': 'sha256=00' },
            { 'x-hub-signature-256': 'sha256=00' },
            { 'x-twitter-webhooks-signature': 'sha256=AA==' },
          ];
          for (const headers of lookalikes)
            expect(adapter.verifySignature(request(body, headers), channel)).toBe(false);
        });
        return;
      }
      it('accepts the platform signature over the raw body', () => {
        expect(adapter.verifySignature(request(body, signatureHeaders(body, secret)), channel)).toBe(true);
      });
      it('rejects a signature made with another secret', () => {
        const forged = signatureHeaders(body, `${secret}-not-ours`);
        expect(adapter.verifySignature(request(body, forged), channel)).toBe(false);
      });
      it('rejects a tampered body', () => {
        const headers = signatureHeaders(body, secret);
        const tampered = Buffer.concat([body, Buffer.from(' ')]);
        expect(adapter.verifySignature(request(tampered, headers), channel)).toBe(false);
      });
      it('rejects a delivery without the signature header', () => {
        expect(adapter.verifySignature(request(body, { 'content-type': 'application/json' }), channel)).toBe(
          false,
        );
      });
      it('rejects everything when the channel has no secret', () => {
        const unsigned = { ...channel, secrets: { ...channel.secrets, signingSecret: undefined } };
        expect(adapter.verifySignature(request(body, signatureHeaders(body, secret)), unsigned)).toBe(false);
      });
    });

    describe('parse', () => {
      it.each(fixtures.payloads)('parses $name', ({ body, expected }) => {
        const events = parse(body);
        expect(deliveryProblems(events)).toEqual([]);
        expect(events).toHaveLength(expected.length);
        expected.forEach((event, index) => {
          expect(events[index]).toMatchObject(event);
        });
      });

      it('gives the same eventKeys when a delivery is redelivered', () => {
        for (const { body } of fixtures.payloads) {
          const keys = parse(body).map((event) => event.eventKey);
          expect(parse(JSON.parse(JSON.stringify(body))).map((event) => event.eventKey)).toEqual(keys);
        }
      });

      it('gives distinct eventKeys to distinct events', () => {
        const keys = fixtures.payloads.flatMap(({ body }) => parse(body).map((event) => event.eventKey));
        expect(new Set(keys).size).toBe(keys.length);
      });

      // Email and web chat deliveries carry one message each: nothing to batch.
      const batchIt =
        fixtures.batches.length > 0 ? it.each(fixtures.batches) : it.skip.each([{ name: 'none', parts: [] }]);
      batchIt('returns every event of batched delivery $name', ({ parts }) => {
        const bodies = parts.map((part) => {
          const found = fixtures.payloads.find((payload) => payload.name === part);
          if (!found) throw new Error(`batch names unknown payload ${part}`);
          return found.body;
        });
        const expectedKeys = bodies.flatMap((body) => parse(body).map((event) => event.eventKey));
        expect(expectedKeys.length).toBeGreaterThan(1);
        const events = parse(fixtures.mergeDeliveries(bodies));
        expect(deliveryProblems(events)).toEqual([]);
        expect(events.map((event) => event.eventKey)).toEqual(expectedKeys);
      });

      const ignoredIt =
        fixtures.ignored.length > 0
          ? it.each(fixtures.ignored)
          : it.skip.each([{ name: 'none', body: null }]);
      ignoredIt('acknowledges $name with no events', ({ body }) => {
        expect(parse(body)).toEqual([]);
      });

      it.each(fixtures.invalid)('throws a clear Error on $name', ({ body }) => {
        let thrown: unknown;
        try {
          parse(body);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(Error);
        expect((thrown as Error).message.length).toBeGreaterThan(10);
      });
    });

    describe('send', () => {
      it.each(fixtures.sends)('builds $name', ({ reply, now, expected }) => {
        const spec = adapter.buildSend(reply, channel, now);
        expect(spec.method).toBe(expected.method);
        expect(spec.url).toBe(expected.url);
        if (expected.headers) expect(spec.headers).toMatchObject(expected.headers);
        if (expected.body !== undefined) expect(JSON.parse(spec.body ?? 'null')).toEqual(expected.body);
      });

      it.each(fixtures.refusals)('refuses $name before sending', ({ reply, now, code }) => {
        expect(() => adapter.buildSend(reply, channel, now)).toThrow(ReplyRefused);
        try {
          adapter.buildSend(reply, channel, now);
        } catch (error) {
          expect((error as ReplyRefused).code).toBe(code);
          expect((error as ReplyRefused).message.length).toBeGreaterThan(10);
        }
      });

      it('refuses any reply longer than the channel allows', () => {
        const cases = fixtures.sends.filter((send) => !send.isTextIgnored);
        expect(cases.length).toBeGreaterThan(0);
        for (const { reply, now } of cases) {
          // Far past any platform's limit (X DMs allow 10,000), whichever surface the case uses.
          const text = 'a'.repeat(Math.max(100_001, adapter.capabilities(channel).maxTextLength * 10));
          expect(() => adapter.buildSend({ ...reply, text }, channel, now)).toThrow(
            expect.objectContaining({ code: 'too_long' }),
          );
        }
      });
    });

    describe('interpretSend', () => {
      const { success, rateLimited, serverError, clientError } = fixtures.responses;
      const outcomes = [
        ['success', success, 'sent'],
        ['rate limit', rateLimited, 'retry'],
        ['server error', serverError, 'retry'],
        ['client error', clientError, 'failed'],
      ] as const;
      for (const [label, cases, kind] of outcomes) {
        it(`has ${label} cases`, () => expect(cases.length).toBeGreaterThan(0));
        it.each(cases)(`reads ${label}: $name`, ({ status, headers, body, now, expected }) => {
          const outcome = adapter.interpretSend(status, headers, body, now);
          expect(outcome.kind).toBe(kind);
          expect(outcome).toEqual(expected);
        });
      }
    });
  });
}
