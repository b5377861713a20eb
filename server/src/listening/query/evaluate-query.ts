import { primaryLanguage, type QueryNode, type TokenPattern } from './query-ast.ts';
import type { TokenizedText } from './tokenize-text.ts';

export function patternMatchesAt(pattern: TokenPattern, text: TokenizedText, index: number): boolean {
  const token = text.tokens[index];
  if (token === undefined) return false;
  const word = text.words[index];
  if (pattern.isPrefix) {
    return token.startsWith(pattern.value) || word?.startsWith(pattern.value) === true;
  }
  return token === pattern.value || word === pattern.value;
}

export function phraseMatchesAt(patterns: TokenPattern[], text: TokenizedText, start: number): boolean {
  for (let offset = 0; offset < patterns.length; offset++) {
    if (!patternMatchesAt(patterns[offset]!, text, start + offset)) return false;
  }
  return true;
}

/**
 * Straightforward evaluation of one query against one post: scans every position. The compiled
 * MonitorSet gives the same answers for thousands of queries at once; this is the reference for
 * tests and for "try this query on a sample post" in the UI.
 */
export function evaluateQuery(node: QueryNode, text: TokenizedText, language?: string): boolean {
  switch (node.kind) {
    case 'text':
      for (let start = 0; start + node.patterns.length <= text.tokens.length; start++) {
        if (phraseMatchesAt(node.patterns, text, start)) return true;
      }
      return false;
    case 'lang':
      return language !== undefined && primaryLanguage(language) === node.language;
    case 'not':
      return !evaluateQuery(node.child, text, language);
    case 'and':
      return node.children.every((child) => evaluateQuery(child, text, language));
    case 'or':
      return node.children.some((child) => evaluateQuery(child, text, language));
  }
}

/** Renders an AST back to an explicit, fully parenthesised query (for tests and "how we read it" UI). */
export function formatQuery(node: QueryNode): string {
  switch (node.kind) {
    case 'text': {
      const body = node.patterns.map((p) => p.value + (p.isPrefix ? '*' : '')).join(' ');
      return node.patterns.length > 1 ? `"${body}"` : body;
    }
    case 'lang':
      return `lang:${node.language}`;
    case 'not':
      return `NOT ${formatQuery(node.child)}`;
    case 'and':
    case 'or':
      return `(${node.children.map(formatQuery).join(node.kind === 'and' ? ' AND ' : ' OR ')})`;
  }
}
