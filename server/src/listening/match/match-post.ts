import { phraseMatchesAt } from '../query/evaluate-query.ts';
import { primaryLanguage } from '../query/query-ast.ts';
import { type TokenizedText, tokenizeText } from '../query/tokenize-text.ts';
import type { CompiledNode, MonitorSet } from './compile-monitors.ts';

export interface PostToMatch {
  text: string;
  language?: string;
}

/** Ids of the monitors whose query matches the post, in the order the monitors were compiled. */
export function matchPost(set: MonitorSet, post: PostToMatch): string[] {
  return matchTokenizedPost(set, tokenizeText(post.text), post.language);
}

/** Same as matchPost for a post already tokenized (trends reuse the tokens). */
export function matchTokenizedPost(set: MonitorSet, text: TokenizedText, language?: string): string[] {
  const scratch = set.scratch;
  scratch.generation = (scratch.generation + 1) >>> 0;
  if (scratch.generation === 0) {
    // Wrapped after 4 billion posts: clear the stamps once.
    scratch.leafSeen.fill(0);
    scratch.monitorSeen.fill(0);
    scratch.generation = 1;
  }
  const generation = scratch.generation;
  const candidates: number[] = [];

  const consider = (leaves: number[] | undefined, position: number): void => {
    if (!leaves) return;
    for (const leaf of leaves) {
      if (scratch.leafSeen[leaf] === generation) continue;
      const patterns = set.leaves[leaf]!;
      if (patterns.length > 1 && !phraseMatchesAt(patterns, text, position)) continue;
      scratch.leafSeen[leaf] = generation;
      for (const monitor of set.leafMonitors[leaf]!) {
        if (scratch.monitorSeen[monitor] !== generation) {
          scratch.monitorSeen[monitor] = generation;
          candidates.push(monitor);
        }
      }
    }
  };

  const { tokens, words } = text;
  const prefixLengths = set.prefixLengths;
  for (let position = 0; position < tokens.length; position++) {
    const token = tokens[position]!;
    const word = words[position];
    consider(set.exactIndex.get(token), position);
    if (word !== undefined) consider(set.exactIndex.get(word), position);
    for (const length of prefixLengths) {
      if (length > token.length) break;
      consider(set.prefixIndex.get(token.slice(0, length)), position);
      if (word !== undefined && length <= word.length)
        consider(set.prefixIndex.get(word.slice(0, length)), position);
    }
  }

  if (candidates.length === 0) return [];
  const postLanguage = language === undefined ? undefined : primaryLanguage(language);
  candidates.sort((a, b) => a - b);
  const matched: string[] = [];
  for (const monitor of candidates) {
    const compiled = set.monitors[monitor]!;
    if (evaluate(compiled.tree, scratch.leafSeen, generation, postLanguage)) matched.push(compiled.id);
  }
  return matched;
}

function evaluate(node: CompiledNode, leafSeen: Uint32Array, generation: number, language?: string): boolean {
  switch (node.op) {
    case 'leaf':
      return leafSeen[node.leaf] === generation;
    case 'lang':
      return language === node.language;
    case 'not':
      return !evaluate(node.child, leafSeen, generation, language);
    case 'and':
      for (const child of node.children) if (!evaluate(child, leafSeen, generation, language)) return false;
      return true;
    case 'or':
      for (const child of node.children) if (evaluate(child, leafSeen, generation, language)) return true;
      return false;
  }
}
