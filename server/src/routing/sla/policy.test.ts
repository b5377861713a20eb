import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SLA_POLICY,
  resolveTargets,
  type SlaChannel,
  SlaPolicyError,
  type Visibility,
  validatePolicy,
} from './policy.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('default SLA policy', () => {
  it.each<[SlaChannel, Visibility, number]>([
    ['x', 'public', 60 * MIN],
    ['instagram', 'public', 60 * MIN],
    ['facebook', 'public', 6 * HOUR],
    ['messenger', 'private', 2 * HOUR],
    ['instagram', 'private', 2 * HOUR],
    ['whatsapp', 'private', 2 * HOUR],
    ['x', 'private', 2 * HOUR],
    ['webchat', 'private', 2 * HOUR],
    ['email', 'private', 24 * HOUR],
  ])('%s %s: first response within %i ms', (channel, visibility, firstResponseMs) => {
    expect(
      resolveTargets(DEFAULT_SLA_POLICY, { channel, visibility, priority: 'normal' }).firstResponseMs,
    ).toBe(firstResponseMs);
  });

  it('is valid', () => {
    expect(validatePolicy(DEFAULT_SLA_POLICY)).toBe(DEFAULT_SLA_POLICY);
  });
});

describe('custom policies', () => {
  const policy = {
    ...DEFAULT_SLA_POLICY,
    rules: [
      {
        name: 'VIP-grade urgent X',
        match: { channels: ['x' as const], priorities: ['urgent' as const] },
        targets: { firstResponseMs: 10 * MIN, nextResponseMs: 10 * MIN, resolutionMs: 4 * HOUR },
      },
      ...DEFAULT_SLA_POLICY.rules,
    ],
  };

  it('first match wins and a rule naming priorities is not scaled again', () => {
    const urgent = resolveTargets(policy, { channel: 'x', visibility: 'public', priority: 'urgent' });
    expect(urgent).toMatchObject({ ruleName: 'VIP-grade urgent X', firstResponseMs: 10 * MIN });
    const high = resolveTargets(policy, { channel: 'x', visibility: 'public', priority: 'high' });
    expect(high).toMatchObject({
      ruleName: 'X and Instagram comments and mentions',
      firstResponseMs: 45 * MIN,
    });
  });

  it('returns no targets when nothing matches', () => {
    const narrow = { ...policy, rules: policy.rules.slice(0, 1) };
    expect(resolveTargets(narrow, { channel: 'email', visibility: 'private', priority: 'low' })).toEqual({
      firstResponseMs: null,
      nextResponseMs: null,
      resolutionMs: null,
      ruleName: null,
    });
  });

  it('rejects broken policies with every problem named', () => {
    const broken = {
      ...policy,
      atRiskShare: 1.5,
      rules: [
        { name: 'bad', match: {}, targets: { firstResponseMs: -5, nextResponseMs: null, resolutionMs: 1.5 } },
      ],
    };
    expect(() => validatePolicy(broken)).toThrow(SlaPolicyError);
    try {
      validatePolicy(broken);
    } catch (error) {
      expect((error as SlaPolicyError).problems).toEqual([
        'atRiskShare must be between 0 and 1',
        'rule "bad": firstResponseMs must be a positive whole number of ms or null',
        'rule "bad": resolutionMs must be a positive whole number of ms or null',
      ]);
    }
  });
});
