import { describe, expect, it } from 'vitest';
import { evaluateQuery, formatQuery } from './evaluate-query.ts';
import { parseQuery, validateQuery } from './parse-query.ts';
import { QueryError } from './query-ast.ts';
import { tokenizeText } from './tokenize-text.ts';

const read = (query: string) => formatQuery(parseQuery(query));
const matches = (query: string, text: string, language?: string) =>
  evaluateQuery(parseQuery(query), tokenizeText(text), language);

function errorOf(query: string): { code: string; position: number; message: string } {
  const result = validateQuery(query);
  if (result.ok) throw new Error(`expected ${query} to be refused`);
  return result.error;
}

describe('parseQuery: precedence and grouping', () => {
  it('binds NOT tighter than AND, and AND tighter than OR', () => {
    expect(read('a b OR c')).toBe('((a AND b) OR c)');
    expect(read('a OR b AND c')).toBe('(a OR (b AND c))');
    expect(read('NOT a b OR c')).toBe('((NOT a AND b) OR c)');
    expect(read('a -b')).toBe('(a AND NOT b)');
  });

  it('lets parentheses override precedence, nested', () => {
    expect(read('(a OR b) c')).toBe('((a OR b) AND c)');
    expect(read('a (b OR (c -d))')).toBe('(a AND (b OR (c AND NOT d)))');
  });

  it('treats lower-case and/or/not as ordinary words', () => {
    expect(read('salt and pepper')).toBe('(salt AND and AND pepper)');
  });

  it('reads phrases, hashtags, handles, wildcards and language filters', () => {
    expect(read('"Orbly Pay" #OrblyDays @Orbly_UK deliver* lang:EN')).toBe(
      '("orbly pay" AND #orblydays AND @orbly_uk AND deliver* AND lang:en)',
    );
  });

  it('turns a term with inner punctuation into a phrase', () => {
    expect(read('e-mail')).toBe('"e mail"');
  });
});

describe('query semantics', () => {
  it('is case-insensitive and folds diacritics and width', () => {
    expect(matches('cafe', 'Best CAFÉ in town')).toBe(true);
    expect(matches('café', 'the cafe was shut')).toBe(true);
    expect(matches('orbly', 'ＯＲＢＬＹ is down')).toBe(true);
    expect(matches('strasse', 'Lieferung in die Hauptstraße')).toBe(false);
    expect(matches('hauptstrasse', 'Lieferung in die Hauptstraße')).toBe(true);
  });

  it('matches whole tokens only, never substrings', () => {
    expect(matches('pay', 'paypal is fine')).toBe(false);
    expect(matches('pay', 'I tried to pay twice')).toBe(true);
  });

  it('matches phrases as adjacent tokens in order', () => {
    expect(matches('"orbly pay"', 'Orbly   Pay, again!')).toBe(true);
    expect(matches('"orbly pay"', 'pay orbly')).toBe(false);
    expect(matches('"orbly pay"', 'orbly will pay')).toBe(false);
  });

  it('matches hashtags and handles exactly; a plain term also matches a hashtag word', () => {
    expect(matches('#orbly', 'love #Orbly')).toBe(true);
    expect(matches('#orbly', 'love orbly')).toBe(false);
    expect(matches('#orbly', 'love #orblydays')).toBe(false);
    expect(matches('orbly', 'love #orbly')).toBe(true);
    expect(matches('@orbly', 'hey @Orbly!')).toBe(true);
    expect(matches('@orbly', 'hey @orbly_help')).toBe(false);
    expect(matches('orbly', 'hey @orbly')).toBe(false);
    expect(matches('@acme', 'mail bob@acme.com')).toBe(false);
  });

  it('expands a trailing wildcard over the token only', () => {
    expect(matches('deliver*', 'Delivery was late')).toBe(true);
    expect(matches('deliver*', 'they deliver')).toBe(true);
    expect(matches('deliver*', 'undelivered')).toBe(false);
    expect(matches('#orbly*', '#OrblyDays sale')).toBe(true);
  });

  it('handles non-Latin scripts', () => {
    expect(matches('доставка', 'Где моя ДОСТАВКА?')).toBe(true);
    expect(matches('配送', 'orblyの配送が遅い')).toBe(true);
    expect(matches('配送', '配達が遅い')).toBe(false);
    expect(matches('κόσμος', 'ΚΟΣΜΟΣ')).toBe(true);
    expect(matches('#الدفع', 'مشكلة #الدفع اليوم')).toBe(true);
    expect(matches('नमस्ते', 'नमस्ते दुनिया')).toBe(true);
  });

  it('filters by language on the primary subtag', () => {
    expect(matches('orbly lang:en', 'orbly rocks', 'en-GB')).toBe(true);
    expect(matches('orbly lang:en', 'orbly rocks', 'fr')).toBe(false);
    expect(matches('orbly lang:en', 'orbly rocks')).toBe(false);
    expect(matches('orbly -lang:fr', 'orbly rocks', 'de')).toBe(true);
  });
});

describe('validation errors', () => {
  const cases: [string, string, number][] = [
    ['', 'empty_query', 0],
    ['   ', 'empty_query', 0],
    ['(a OR b', 'unbalanced_parenthesis', 0],
    ['a OR b)', 'unbalanced_parenthesis', 6],
    ['a ( ) b', 'empty_group', 2],
    ['a AND', 'dangling_operator', 2],
    ['OR a', 'dangling_operator', 0],
    ['a OR AND b', 'dangling_operator', 2],
    ['a NOT', 'dangling_operator', 2],
    ['a - b', 'dangling_operator', 2],
    ['(a AND) b', 'dangling_operator', 3],
    ['-spam', 'not_only', 0],
    ['NOT a NOT b', 'not_only', 0],
    ['a OR -b', 'not_only', 0],
    ['lang:en', 'not_only', 0],
    ['"orbly pay', 'unterminated_quote', 0],
    ['a "!!"', 'empty_term', 2],
    ['a ???', 'empty_term', 2],
    ['de*liver', 'bad_wildcard', 2],
    ['de*', 'bad_wildcard', 0],
    ['a lang:english', 'bad_language', 2],
  ];
  it.each(cases)('%j → %s at %i', (query, code, position) => {
    const error = errorOf(query);
    expect(error.code).toBe(code);
    expect(error.position).toBe(position);
    expect(error.message).toMatch(/position \d+/);
  });

  it('refuses queries that are too long or nest too deep', () => {
    expect(errorOf('a '.repeat(600)).code).toBe('too_long');
    expect(errorOf(Array.from({ length: 101 }, (_, i) => `t${i}`).join(' OR ')).code).toBe('too_long');
    expect(errorOf(`${'('.repeat(20)}a${')'.repeat(20)}`).code).toBe('too_deep');
  });

  it('throws a QueryError from parseQuery', () => {
    expect(() => parseQuery('(a')).toThrow(QueryError);
  });
});
