import { describe, expect, it } from 'vitest';
import { weightedTweetLength } from './tweet-length.ts';

describe('weightedTweetLength', () => {
  it('counts Latin text by code point', () => {
    expect(weightedTweetLength('hello')).toBe(5);
    expect(weightedTweetLength('café')).toBe(4);
  });

  it('counts a composed and a decomposed accent the same (NFC)', () => {
    expect(weightedTweetLength('cafe\u0301')).toBe(4);
  });

  it('counts CJK as 2 each', () => {
    expect(weightedTweetLength('你好')).toBe(4);
  });

  it('counts an emoji sequence as 2 whatever its code points', () => {
    expect(weightedTweetLength('👍')).toBe(2);
    expect(weightedTweetLength('👍🏽')).toBe(2);
    expect(weightedTweetLength('👨‍👩‍👧‍👦')).toBe(2);
    expect(weightedTweetLength('🇳🇱')).toBe(2);
    expect(weightedTweetLength('1\uFE0F\u20E3')).toBe(2); // keycap
    expect(weightedTweetLength('🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}')).toBe(2); // tag flag
    expect(weightedTweetLength('ok 👍 ok')).toBe(8);
  });

  it('keeps the weight of a lone pictograph in the light range', () => {
    expect(weightedTweetLength('©')).toBe(1);
  });

  it('counts every http(s) link as 23', () => {
    expect(weightedTweetLength('see https://example.com/a/very/long/path/that/goes/on?x=1')).toBe(4 + 23);
    expect(weightedTweetLength('http://a.b and https://c.d')).toBe(23 + 5 + 23);
  });

  it('counts the general-punctuation ranges X treats as light, and nothing else, as 1', () => {
    expect(weightedTweetLength('a–b')).toBe(3); // en dash U+2013 is light
    expect(weightedTweetLength('…')).toBe(2); // ellipsis U+2026 is outside the light ranges
  });

  it('stays fast on very long input', () => {
    expect(weightedTweetLength('a'.repeat(200_000))).toBe(200_000);
    expect(weightedTweetLength('👍🏽'.repeat(20_000))).toBe(40_000);
  });
});
