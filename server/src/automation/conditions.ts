import type { Condition, Facts } from './types.ts';

const lower = (values: string[]) => values.map((v) => v.toLowerCase());

/** True when every condition holds (an empty list always holds). */
export function matchesAll(conditions: Condition[], facts: Facts): boolean {
  return conditions.every((condition) => matches(condition, facts));
}

export function matches(condition: Condition, facts: Facts): boolean {
  switch (condition.type) {
    case 'channel':
      return condition.values.some((v) => v === facts.channelId || v.toLowerCase() === facts.provider);
    case 'visibility':
      return (condition.value === 'public') === facts.isPublic;
    case 'text_contains': {
      const text = facts.text.toLowerCase();
      return lower(condition.values).some((v) => text.includes(v));
    }
    case 'text_matches':
      return safeRegex(condition.pattern)?.test(facts.text) ?? false;
    case 'sentiment':
      return facts.sentiment !== null && lower(condition.values).includes(facts.sentiment.toLowerCase());
    case 'intent':
      return facts.intent !== null && lower(condition.values).includes(facts.intent.toLowerCase());
    case 'priority':
      return (condition.values as string[]).includes(facts.priority);
    case 'follower_count': {
      const count = facts.followerCount ?? 0;
      return (
        (condition.min === undefined || count >= condition.min) &&
        (condition.max === undefined || count <= condition.max)
      );
    }
    case 'language':
      return facts.language !== null && lower(condition.values).includes(facts.language.toLowerCase());
    case 'vip':
      return facts.isVip === condition.value;
    case 'business_hours':
      return facts.isWithinBusinessHours === condition.value;
    case 'label':
      return facts.labelIds.includes(condition.labelId);
  }
}

/** Case-insensitive; null when the pattern does not compile (saving refuses those). */
export function safeRegex(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, 'iu');
  } catch {
    return null;
  }
}
