import { describe, expect, it } from 'vitest';
import { assessActionability } from './actionability.ts';
import { detectSignals } from './signals.ts';
import { defaultTriageSettings } from './triage-message.ts';
import type { IntentResult, SentimentResult, TriageInput } from './types.ts';

const neutral: SentimentResult = {
  label: 'neutral',
  score: 0,
  probabilities: { negative: 0.1, neutral: 0.8, positive: 0.1 },
};
const positive: SentimentResult = {
  label: 'positive',
  score: 0.8,
  probabilities: { negative: 0.05, neutral: 0.1, positive: 0.85 },
};
const negative: SentimentResult = {
  label: 'negative',
  score: -0.8,
  probabilities: { negative: 0.85, neutral: 0.1, positive: 0.05 },
};
const other: IntentResult = { label: 'other', confidence: 0.5 };

function judge(
  text: string,
  sentiment = neutral,
  extra: Partial<TriageInput> = {},
  settings = defaultTriageSettings,
) {
  const input: TriageInput = { text, isPublic: true, provider: 'x', author: {}, ...extra };
  return assessActionability(input, sentiment, other, detectSignals(input), settings);
}

describe('assessActionability', () => {
  it('does not make retweets into cases by default, but can', () => {
    expect(judge('RT @brand: big sale this weekend')).toEqual({ isActionable: false, reason: 'repost' });
    expect(judge('my order is late, help', neutral, { isRepost: true }).reason).toBe('repost');
    const keep = { ...defaultTriageSettings, ignoreReposts: false };
    expect(judge('RT @someone: where is my refund?', neutral, {}, keep).isActionable).toBe(true);
  });

  it('ignores link-only replies', () => {
    expect(judge('@brand https://t.co/xyz')).toEqual({ isActionable: false, reason: 'link_only' });
  });

  it('ignores spam and marketing replies', () => {
    expect(judge('@brand follow me for free followers https://spam.example')).toEqual({
      isActionable: false,
      reason: 'spam',
    });
    expect(judge('Use my promo code SAVE20 for 20% off!').reason).toBe('spam');
  });

  it('treats questions, requests and complaints as actionable', () => {
    expect(judge('@brand when does the store open on Sunday?')).toEqual({
      isActionable: true,
      reason: 'question',
    });
    expect(judge('please send me a new charger')).toEqual({ isActionable: true, reason: 'request' });
    expect(judge('worst delivery experience of my life', negative)).toEqual({
      isActionable: true,
      reason: 'complaint',
    });
    expect(judge('my router keeps crashing').reason).toBe('problem');
    expect(judge('Mi pedido no ha llegado, necesito ayuda').reason).toBe('request');
  });

  it('treats praise and public chatter as not actionable, private messages as actionable', () => {
    expect(judge('loved the new menu today', positive)).toEqual({ isActionable: false, reason: 'praise' });
    expect(judge('watching the game with friends')).toEqual({ isActionable: false, reason: 'chatter' });
    expect(judge('hi there', neutral, { isPublic: false }).isActionable).toBe(true);
  });
});
