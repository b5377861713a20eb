import { type Lexeme, lexQuery } from './lex-query.ts';
import { QueryError, type QueryNode, type TokenPattern } from './query-ast.ts';
import { tokenizeText } from './tokenize-text.ts';

export const QUERY_LIMITS = { maxChars: 1000, maxTerms: 100, maxDepth: 16, minWildcardChars: 3 } as const;

const OPERATOR_NAMES = { and: 'AND', or: 'OR', not: 'NOT', minus: "'-'" } as const;

/**
 * Parses a monitor query. Precedence NOT > AND > OR; adjacent terms are joined by an implicit AND.
 * Throws QueryError with a position and a message a user can act on.
 */
export function parseQuery(query: string): QueryNode {
  if (query.length > QUERY_LIMITS.maxChars) {
    throw new QueryError(
      'too_long',
      QUERY_LIMITS.maxChars,
      `Query is ${query.length} characters long; the limit is ${QUERY_LIMITS.maxChars}`,
    );
  }
  const lexemes = lexQuery(query);
  if (lexemes.length === 0) throw new QueryError('empty_query', 0, 'Query is empty; type at least one term');
  const parser = new Parser(lexemes);
  const root = parser.parseOr(0);
  const rest = parser.peek();
  if (rest) {
    // parseOr only stops early at a ')' it cannot pair.
    throw new QueryError('unbalanced_parenthesis', rest.position, "')' has no matching '('");
  }
  if (parser.termCount > QUERY_LIMITS.maxTerms) {
    throw new QueryError(
      'too_long',
      0,
      `Query has ${parser.termCount} terms; the limit is ${QUERY_LIMITS.maxTerms}`,
    );
  }
  if (canMatchWithoutAnyTerm(root) !== false) {
    throw new QueryError(
      'not_only',
      0,
      'Query would match posts that contain none of its terms; add at least one term that must be present',
    );
  }
  return root;
}

export type QueryValidation =
  | { ok: true; ast: QueryNode }
  | { ok: false; error: { code: QueryError['code']; position: number; message: string } };

export function validateQuery(query: string): QueryValidation {
  try {
    return { ok: true, ast: parseQuery(query) };
  } catch (error) {
    if (error instanceof QueryError) {
      return { ok: false, error: { code: error.code, position: error.position, message: error.message } };
    }
    throw error;
  }
}

class Parser {
  private index = 0;
  termCount = 0;

  constructor(private readonly lexemes: Lexeme[]) {}

  peek(): Lexeme | undefined {
    return this.lexemes[this.index];
  }

  parseOr(depth: number): QueryNode {
    const children = [this.parseAnd(depth)];
    for (let next = this.peek(); next?.type === 'or'; next = this.peek()) {
      this.index++;
      this.requireOperand(next);
      children.push(this.parseAnd(depth));
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children };
  }

  private parseAnd(depth: number): QueryNode {
    const children = [this.parseUnary(depth)];
    for (let next = this.peek(); next; next = this.peek()) {
      if (next.type === 'and') {
        this.index++;
        this.requireOperand(next);
      } else if (next.type === 'or' || next.type === 'rparen') {
        break;
      }
      children.push(this.parseUnary(depth));
    }
    return children.length === 1 ? children[0]! : { kind: 'and', children };
  }

  private parseUnary(depth: number): QueryNode {
    const lexeme = this.peek();
    if (lexeme && (lexeme.type === 'not' || lexeme.type === 'minus')) {
      this.index++;
      this.requireOperand(lexeme);
      return { kind: 'not', child: this.parseUnary(depth) };
    }
    return this.parsePrimary(depth);
  }

  private parsePrimary(depth: number): QueryNode {
    const lexeme = this.peek();
    if (!lexeme) throw new Error('parser invariant: operand required');
    switch (lexeme.type) {
      case 'lparen': {
        if (depth >= QUERY_LIMITS.maxDepth) {
          throw new QueryError(
            'too_deep',
            lexeme.position,
            `Parentheses nest deeper than ${QUERY_LIMITS.maxDepth}`,
          );
        }
        this.index++;
        if (this.peek()?.type === 'rparen')
          throw new QueryError('empty_group', lexeme.position, 'Empty parentheses');
        if (!this.peek())
          throw new QueryError('unbalanced_parenthesis', lexeme.position, "'(' is never closed");
        const inner = this.parseOr(depth + 1);
        if (this.peek()?.type !== 'rparen') {
          throw new QueryError('unbalanced_parenthesis', lexeme.position, "'(' is never closed");
        }
        this.index++;
        return inner;
      }
      case 'rparen':
        throw new QueryError('unbalanced_parenthesis', lexeme.position, "')' has no matching '('");
      case 'and':
      case 'or':
        throw new QueryError(
          'dangling_operator',
          lexeme.position,
          `${OPERATOR_NAMES[lexeme.type]} has no term before it`,
        );
      case 'word':
        this.index++;
        this.termCount++;
        return wordNode(lexeme.text, lexeme.position);
      case 'phrase': {
        this.index++;
        this.termCount++;
        const { tokens } = tokenizeText(lexeme.text);
        if (tokens.length === 0) {
          throw new QueryError('empty_term', lexeme.position, 'Quoted phrase has no letters or digits');
        }
        const patterns = tokens.map((value) => ({ value, isPrefix: false }));
        return { kind: 'text', patterns, source: `"${lexeme.text}"`, position: lexeme.position };
      }
      default:
        throw new Error(`parser invariant: unexpected ${lexeme.type}`);
    }
  }

  /** After an operator there must be something to apply it to. */
  private requireOperand(operator: Lexeme): void {
    const next = this.peek();
    if (!next || next.type === 'rparen' || next.type === 'and' || next.type === 'or') {
      const name = OPERATOR_NAMES[operator.type as keyof typeof OPERATOR_NAMES];
      const what =
        operator.type === 'not' || operator.type === 'minus' ? 'nothing to exclude' : 'no term after it';
      throw new QueryError('dangling_operator', operator.position, `${name} has ${what}`);
    }
  }
}

function wordNode(text: string, position: number): QueryNode {
  if (/^lang:/i.test(text)) {
    const language = text.slice(5).toLowerCase();
    if (!/^[a-z]{2,3}$/.test(language)) {
      throw new QueryError('bad_language', position, `'${text}' is not a language filter like lang:en`);
    }
    return { kind: 'lang', language, position };
  }
  const starIndex = text.indexOf('*');
  const isPrefix = starIndex >= 0;
  if (isPrefix && starIndex !== text.length - 1) {
    throw new QueryError('bad_wildcard', position + starIndex, "'*' is only allowed at the end of a term");
  }
  const { tokens } = tokenizeText(isPrefix ? text.slice(0, -1) : text);
  if (tokens.length === 0) throw new QueryError('empty_term', position, `'${text}' has no letters or digits`);
  const patterns: TokenPattern[] = tokens.map((value) => ({ value, isPrefix: false }));
  if (isPrefix) {
    const last = patterns[patterns.length - 1]!;
    const stem = last.value.replace(/^[#@]/, '');
    if ([...stem].length < QUERY_LIMITS.minWildcardChars) {
      throw new QueryError(
        'bad_wildcard',
        position,
        `'${text}' needs at least ${QUERY_LIMITS.minWildcardChars} letters before '*'`,
      );
    }
    last.isPrefix = true;
  }
  return { kind: 'text', patterns, source: text, position };
}

/**
 * Kleene evaluation with every term absent and language unknown: anything but a definite `false`
 * means the query could match a post that mentions none of its terms, which the inverted index
 * (and any sane monitor) cannot serve.
 */
function canMatchWithoutAnyTerm(node: QueryNode): boolean | undefined {
  switch (node.kind) {
    case 'text':
      return false;
    case 'lang':
      return undefined;
    case 'not': {
      const inner = canMatchWithoutAnyTerm(node.child);
      return inner === undefined ? undefined : !inner;
    }
    case 'and': {
      const values = node.children.map(canMatchWithoutAnyTerm);
      if (values.includes(false)) return false;
      return values.every((v) => v === true) ? true : undefined;
    }
    case 'or': {
      const values = node.children.map(canMatchWithoutAnyTerm);
      if (values.includes(true)) return true;
      return values.every((v) => v === false) ? false : undefined;
    }
  }
}
