import { describe, expect, it } from 'vitest';
import { buildReplyIndex, suggestReplies } from './index.ts';
import { adaptReply, trimToLength } from './trim.ts';

const history = [
  {
    customerText: '@shop my parcel has not arrived yet',
    replyText: '@1 Sorry about the wait! Please DM us your order number and we will chase the courier. ^AB',
  },
  {
    customerText: '@shop where is my parcel? tracking has not moved',
    replyText: '@2 Sorry your parcel is late. Please DM us your order number so we can chase it. ^CD',
  },
  {
    customerText: '@shop I was charged twice for one order',
    replyText: '@3 We are sorry about the double charge. Please DM us the last 4 digits of the card. ^AB',
  },
  {
    customerText: '@shop how do I reset my password',
    replyText: '@4 You can reset it from the login page via Forgot password. ^EF',
  },
  { customerText: '@shop love the new store!', replyText: '@5 Thank you so much, we love it too!' },
];

describe('suggestReplies', () => {
  const index = buildReplyIndex(history);

  it('ranks replies to similar customer messages first', () => {
    const suggestions = suggestReplies(index, 'my parcel still has not arrived', { maxLength: 280 });
    expect(suggestions).toHaveLength(3);
    expect(suggestions[0]!.text).toMatch(/parcel|wait/i);
    expect(suggestions[0]!.score).toBeGreaterThanOrEqual(suggestions[1]!.score);
    const billing = suggestReplies(index, 'you charged my card twice', { maxLength: 280, k: 1 });
    expect(billing[0]!.text).toMatch(/double charge/);
  });

  it('drops the customer handle and agent signature, and respects the length limit', () => {
    const [first] = suggestReplies(index, 'how can I reset my password', { maxLength: 40, k: 1 });
    expect(first!.text.startsWith('@')).toBe(false);
    expect(first!.text).not.toMatch(/\^EF/);
    expect(first!.text.length).toBeLessThanOrEqual(40);
  });

  it('returns nothing from an empty history', () => {
    expect(suggestReplies(buildReplyIndex([]), 'hello', { maxLength: 100 })).toEqual([]);
  });
});

describe('trimToLength', () => {
  it('cuts at a sentence end when it keeps enough, else at a word with an ellipsis', () => {
    expect(trimToLength('Short one.', 50)).toBe('Short one.');
    expect(trimToLength('We are on it. Please DM us your order number today.', 20)).toBe('We are on it.');
    expect(trimToLength('Please send us a direct message with your details', 20)).toBe('Please send us a…');
  });

  it('adapts a reply for reuse', () => {
    expect(adaptReply('@123 @456 Happy to help! ^JR')).toBe('Happy to help!');
  });
});
