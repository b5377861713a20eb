/** One token of a term or phrase; `isPrefix` for a trailing wildcard (`deliver*`). */
export interface TokenPattern {
  value: string;
  isPrefix: boolean;
}

export type QueryNode =
  | { kind: 'text'; patterns: TokenPattern[]; source: string; position: number }
  | { kind: 'lang'; language: string; position: number }
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode };

export type QueryErrorCode =
  | 'empty_query'
  | 'too_long'
  | 'too_deep'
  | 'unbalanced_parenthesis'
  | 'empty_group'
  | 'dangling_operator'
  | 'unterminated_quote'
  | 'empty_term'
  | 'bad_wildcard'
  | 'bad_language'
  | 'not_only';

/** A query the parser refused: `position` is the 0-based character offset the message points at. */
export class QueryError extends Error {
  readonly code: QueryErrorCode;
  readonly position: number;

  constructor(code: QueryErrorCode, position: number, message: string) {
    super(`${message} (at position ${position})`);
    this.name = 'QueryError';
    this.code = code;
    this.position = position;
  }
}

/** Language tags compare on their primary subtag: `en-GB` posts match `lang:en`. */
export function primaryLanguage(tag: string): string {
  return (tag.split(/[-_]/)[0] ?? '').toLowerCase();
}
