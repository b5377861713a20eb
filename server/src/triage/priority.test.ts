import { describe, expect, it } from 'vitest';
import {
  computePriority,
  defaultTriageSettings,
  loadTriageModels,
  type TriageInput,
  triageMessage,
} from './index.ts';

const models = loadTriageModels();
const input = (text: string, extra: Partial<TriageInput> = {}): TriageInput => ({
  text,
  isPublic: true,
  provider: 'x',
  author: { followerCount: 120 },
  ...extra,
});

describe('priority', () => {
  it('ranks a negative post from a large audience above neutral chatter and praise', () => {
    const angry = triageMessage(
      models,
      input('@brand my flight was cancelled and nobody will help, worst airline ever', {
        author: { followerCount: 250_000 },
      }),
    );
    const chatter = triageMessage(models, input('watching the match at the airport lounge with @brand wifi'));
    const praise = triageMessage(models, input('@brand the crew today were lovely, thank you!'));
    expect(angry.sentiment.label).toBe('negative');
    expect(angry.priority.score).toBeGreaterThan(chatter.priority.score);
    expect(angry.priority.score).toBeGreaterThan(praise.priority.score);
    expect(['urgent', 'high']).toContain(angry.priority.level);
    expect(praise.priority.level).toBe('low');
  });

  it('explains the score with factors that add up to it', () => {
    const result = triageMessage(
      models,
      input('Third time asking: my card was charged twice. I will contact my lawyer', {
        priorInboundCount: 2,
      }),
    );
    const names = result.priority.factors.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['legal_threat', 'escalation', 'repeat_contact']));
    const total = result.priority.factors.reduce((sum, f) => sum + f.contribution, 0);
    expect(result.priority.score).toBeCloseTo(Math.min(100, Math.max(0, total)), 0);
    for (const factor of result.priority.factors) expect(factor.detail.length).toBeGreaterThan(0);
  });

  it('re-ranks when an account changes weights and thresholds', () => {
    const base = input('is the app down? cannot log in');
    const { priority: _, ...result } = triageMessage(models, base);
    const normal = computePriority(result, base);
    const outageHeavy = computePriority(result, base, {
      weights: { ...defaultTriageSettings.priority.weights, outage: 60 },
    });
    expect(outageHeavy.score).toBeGreaterThan(normal.score);
    const strict = computePriority(result, base, { thresholds: { urgent: 101, high: 100, normal: 99 } });
    expect(strict.level).toBe('low');
  });

  it('produces plain JSON', () => {
    const result = triageMessage(models, input('where is my order #123?'));
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
