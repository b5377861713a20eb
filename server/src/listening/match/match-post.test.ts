import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateQuery } from '../query/evaluate-query.ts';
import { parseQuery, validateQuery } from '../query/parse-query.ts';
import { tokenizeText } from '../query/tokenize-text.ts';
import { compileMonitors } from './compile-monitors.ts';
import { matchPost } from './match-post.ts';

describe('compileMonitors + matchPost', () => {
  const set = compileMonitors([
    { id: 'brand', query: 'orbly OR @orbly OR #orbly' },
    { id: 'pay', query: '"orbly pay" -giveaway' },
    { id: 'delivery', query: 'orbly (deliver* OR parcel OR courier)' },
    { id: 'french', query: 'orbly', language: 'fr' },
    { id: 'campaign', query: '#orblydays' },
    { id: 'broken', query: '(a' },
  ]);

  it('returns the ids of every matching monitor', () => {
    expect(matchPost(set, { text: 'Orbly Pay charged me twice @orbly' })).toEqual(['brand', 'pay']);
    expect(matchPost(set, { text: 'my ORBLY delivery is late' })).toEqual(['brand', 'delivery']);
    expect(matchPost(set, { text: 'win with #OrblyDays giveaway, orbly pay' })).toEqual([
      'brand',
      'campaign',
    ]);
    expect(matchPost(set, { text: 'livraison orbly très lente', language: 'fr-FR' })).toEqual([
      'brand',
      'french',
    ]);
    expect(matchPost(set, { text: 'nothing to see here' })).toEqual([]);
  });

  it('reports monitors whose query does not parse and never matches them', () => {
    expect(set.rejected.map((r) => [r.id, r.error.code])).toEqual([['broken', 'unbalanced_parenthesis']]);
    expect(matchPost(set, { text: 'a a a' })).toEqual([]);
  });

  it('shares one leaf between monitors that use the same term', () => {
    const shared = compileMonitors([
      { id: 'x', query: 'orbly app' },
      { id: 'y', query: 'orbly OR app' },
    ]);
    expect(shared.leaves).toHaveLength(2);
    expect(matchPost(shared, { text: 'the app' })).toEqual(['y']);
  });

  it('gives the same answers as evaluating each query on its own (random queries and posts)', () => {
    const vocabulary = [
      'orbly',
      'Café',
      'cafe',
      'pay',
      'Pay',
      'deliver',
      'delivery',
      'доставка',
      '配送',
      'late',
    ];
    const tags = ['#orbly', '#OrblyDays', '@orbly', '@orbly_uk', '#café'];
    const word = fc.constantFrom(...vocabulary, ...tags);
    const leaf = fc.oneof(
      word,
      fc.constantFrom('deliver*', 'orbl*', '#orbly*', 'caf*'),
      fc.tuple(word, word).map(([a, b]) => `"${a} ${b}"`),
      fc.constantFrom('lang:en', 'lang:fr'),
    );
    const query: fc.Arbitrary<string> = fc.letrec<{ q: string }>((tie) => ({
      q: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc
          .tuple(tie('q'), fc.constantFrom(' ', ' AND ', ' OR '), tie('q'))
          .map(([a, op, b]) => `${a}${op}${b}`),
        tie('q').map((q) => `(${q})`),
        tie('q').map((q) => `NOT ${q}`),
        tie('q').map((q) => `-${q}`),
      ),
    })).q;
    const separator = fc.constantFrom(' ', ', ', '! ', ' - ', '');
    const post = fc.record({
      text: fc.array(fc.tuple(word, separator), { maxLength: 12 }).map((parts) => parts.flat().join('')),
      language: fc.constantFrom(undefined, 'en', 'fr-CA', 'de'),
    });

    fc.assert(
      fc.property(
        fc.array(query, { minLength: 1, maxLength: 12 }),
        fc.array(post, { maxLength: 15 }),
        (queries, posts) => {
          const valid = queries.filter((q) => validateQuery(q).ok);
          const compiled = compileMonitors(valid.map((q, i) => ({ id: String(i), query: q })));
          const asts = valid.map((q) => parseQuery(q));
          for (const p of posts) {
            const tokens = tokenizeText(p.text);
            const expected = asts.flatMap((ast, i) =>
              evaluateQuery(ast, tokens, p.language) ? [String(i)] : [],
            );
            expect(matchPost(compiled, p)).toEqual(expected);
          }
        },
      ),
      { numRuns: 300, seed: 9 },
    );
  });
});
