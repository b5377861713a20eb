import { describe, expect, it } from 'vitest';
import { replyLimit } from './reply-limit.ts';

describe('replyLimit', () => {
  it('counts a public X reply with X weighting (a link is 23)', () => {
    const limit = replyLimit('x', true);
    expect(limit.max).toBe(280);
    expect(limit.measure('see https://example.com/a/very/long/path/that/is/long')).toBe(4 + 23);
  });

  it('gives X DMs the DM limit', () => {
    expect(replyLimit('x', false).max).toBe(10_000);
  });

  it('counts Instagram DMs in bytes', () => {
    const limit = replyLimit('instagram', false);
    expect(limit.unit).toBe('bytes');
    expect(limit.measure('é')).toBe(2);
  });

  it('falls back to the API channel limit for unknown providers', () => {
    expect(replyLimit('api', false).max).toBe(10_000);
  });
});
