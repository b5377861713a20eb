import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NormalizedEvent } from '../adapter.ts';
import type { AdapterFixtureSet } from './fixture-set.ts';
import { eventProblems } from './well-formed.ts';

// Property-based fuzzing of `parse`: on any input it returns well-formed events or throws an Error
// (which the pipeline parks) — never a non-Error, never a malformed event.

const RUNS = 150;

type Outcome = { events: NormalizedEvent[] } | { error: unknown };

function attempt(fixtures: AdapterFixtureSet, raw: Buffer): Outcome {
  try {
    return { events: fixtures.adapter.parse(raw, fixtures.channel) };
  } catch (error) {
    return { error };
  }
}

function assertContract(outcome: Outcome): void {
  if ('error' in outcome) {
    expect(outcome.error).toBeInstanceOf(Error);
    return;
  }
  expect(Array.isArray(outcome.events)).toBe(true);
  for (const event of outcome.events) expect(eventProblems(event)).toEqual([]);
}

type Path = Array<string | number>;

function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      pathsOf(item, [...prefix, index], out);
    });
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...prefix, key], out);
  }
  return out;
}

/** A deep copy of `root` with the node at `path` replaced (or removed when `replacement` is undefined). */
function mutate(root: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (replacement === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = replacement;
  return copy;
}

const wrongTypes = fc.oneof(
  fc.constantFrom<unknown>(null, true, 0, -1, 1e300, '', 'x', [], {}, [null], { id: 1 }),
  fc.jsonValue({ maxDepth: 2 }),
);

export function describeParserFuzz(name: string, fixtures: AdapterFixtureSet): void {
  const samples = [...fixtures.payloads.map((p) => p.body), ...fixtures.ignored.map((p) => p.body)];

  describe(`${name} parser under fuzzing`, () => {
    it('survives random bytes', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) =>
          assertContract(attempt(fixtures, Buffer.from(bytes))),
        ),
        { numRuns: RUNS },
      );
    });

    it('survives random JSON', () => {
      fc.assert(
        fc.property(fc.json({ maxDepth: 4 }), (json) => assertContract(attempt(fixtures, Buffer.from(json)))),
        { numRuns: RUNS },
      );
    });

    it('survives truncated deliveries', () => {
      fc.assert(
        fc.property(fc.constantFrom(...samples), fc.double({ min: 0, max: 1, noNaN: true }), (body, cut) => {
          const text = JSON.stringify(body);
          assertContract(attempt(fixtures, Buffer.from(text.slice(0, Math.floor(text.length * cut)))));
        }),
        { numRuns: RUNS },
      );
    });

    it('survives wrong types and missing fields in known shapes', () => {
      const cases = samples.flatMap((body) => pathsOf(body).map((path) => ({ body, path })));
      fc.assert(
        fc.property(
          fc.constantFrom(...cases),
          fc.option(wrongTypes, { nil: undefined }),
          ({ body, path }, value) => {
            assertContract(
              attempt(fixtures, Buffer.from(JSON.stringify(mutate(body, path, value)) ?? 'null')),
            );
          },
        ),
        { numRuns: RUNS * 4 },
      );
    });

    it('survives a known delivery wrapped in random siblings', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...samples),
          fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
          (body, extra) => {
            const merged =
              body && typeof body === 'object' && !Array.isArray(body) ? { ...extra, ...body } : body;
            assertContract(attempt(fixtures, Buffer.from(JSON.stringify(merged))));
          },
        ),
        { numRuns: RUNS },
      );
    });
  });
}
