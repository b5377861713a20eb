import { QueryError } from './query-ast.ts';

export type Lexeme =
  | { type: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'minus'; position: number }
  | { type: 'word' | 'phrase'; text: string; position: number };

const DELIMITERS = new Set([' ', '\t', '\n', '\r', '(', ')', '"']);

function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && /\s/u.test(ch);
}

/** Splits a monitor query into operators, parentheses, quoted phrases and bare words. */
export function lexQuery(query: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i]!;
    if (isSpace(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      out.push({ type: ch === '(' ? 'lparen' : 'rparen', position: i });
      i++;
    } else if (ch === '"' || ch === '“' || ch === '”') {
      const close = query.slice(i + 1).search(/["“”]/u);
      if (close < 0) throw new QueryError('unterminated_quote', i, 'Quote opened here is never closed');
      out.push({ type: 'phrase', text: query.slice(i + 1, i + 1 + close), position: i });
      i += close + 2;
    } else if (ch === '-' && i + 1 < query.length && !isSpace(query[i + 1]) && query[i + 1] !== ')') {
      out.push({ type: 'minus', position: i });
      i++;
    } else {
      const start = i;
      while (i < query.length && !DELIMITERS.has(query[i]!) && !isSpace(query[i]) && !isQuote(query[i]!)) i++;
      const text = query.slice(start, i);
      if (text === 'AND' || text === 'OR' || text === 'NOT') {
        out.push({ type: text.toLowerCase() as 'and' | 'or' | 'not', position: start });
      } else if (text === '-') {
        throw new QueryError(
          'dangling_operator',
          start,
          "'-' must be followed directly by a term to exclude",
        );
      } else {
        out.push({ type: 'word', text, position: start });
      }
    }
  }
  return out;
}

function isQuote(ch: string): boolean {
  return ch === '"' || ch === '“' || ch === '”';
}
