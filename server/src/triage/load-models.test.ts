import { describe, expect, it } from 'vitest';
import { loadTriageModels } from './index.ts';
import { classifyIntent } from './intent.ts';
import { predictSentiment } from './sentiment.ts';

describe('loadTriageModels', () => {
  const models = loadTriageModels();

  it('loads both committed models once', () => {
    expect(models.sentiment.model.classes).toEqual(['negative', 'neutral', 'positive']);
    expect(models.intent.model.classes).toContain('refund_return');
    expect(loadTriageModels()).toBe(models);
  });

  it('predicts clearly negative and clearly positive messages', () => {
    const negative = predictSentiment(models, 'This is the worst service ever, I am furious and disgusted');
    const positive = predictSentiment(
      models,
      'Absolutely love the new update, thank you so much, amazing team!',
    );
    expect(negative.label).toBe('negative');
    expect(negative.score).toBeLessThan(-0.3);
    expect(positive.label).toBe('positive');
    expect(positive.score).toBeGreaterThan(0.3);
    const sum = Object.values(positive.probabilities).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 2);
  });

  it('handles negation', () => {
    expect(predictSentiment(models, 'not good at all, not happy').label).toBe('negative');
  });

  it('classifies plain care requests', () => {
    expect(classifyIntent(models, 'I want a refund for the broken blender I returned').label).toBe(
      'refund_return',
    );
    expect(classifyIntent(models, 'I forgot my password and cannot log in to my account').label).toBe(
      'account_login',
    );
    expect(classifyIntent(models, 'what delivery options do you have for my address').label).toBe('delivery');
  });
});
