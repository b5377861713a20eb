import { describe, expect, it } from 'vitest';
import { loadTriageModels } from '../load-models.ts';
import { triageMessage } from '../triage-message.ts';
import type { TriageInput } from '../types.ts';
import { decodeAccountModel, encodeAccountModel } from './codec.ts';
import { SIMILAR_GLOWCARD, SIMILAR_PRAISE, streetFoodCorrections } from './fixtures.ts';
import { trainAccountModel } from './train.ts';

const models = loadTriageModels();
const input = (text: string): TriageInput => ({ text, isPublic: true, provider: 'x', author: {} });

describe('account model (per-account correction layer)', () => {
  const data = streetFoodCorrections();
  const { model, report } = trainAccountModel(models, data, 3);

  it('is accepted for both heads after the held-out check, and says why', () => {
    expect(model?.version).toBe(3);
    for (const head of report.heads) {
      expect(head.accepted, head.reason).toBe(true);
      expect(head.heldOut!.adaptedAccuracy).toBeGreaterThan(head.heldOut!.sharedAccuracy);
      expect(head.heldOut!.anchorAgreement).toBeGreaterThanOrEqual(0.75);
    }
  });

  it("changes this account's predictions for messages like the corrected ones", () => {
    for (const text of SIMILAR_PRAISE) {
      expect(triageMessage(models, input(text)).sentiment.label).not.toBe('positive');
      const adapted = triageMessage(models, input(text), { accountModel: model });
      expect(adapted.sentiment.label, text).toBe('positive');
      expect(adapted.accountModelVersion).toBe(3);
    }
    for (const text of SIMILAR_GLOWCARD) {
      expect(triageMessage(models, input(text)).intent.label).not.toBe('billing_payment');
      expect(triageMessage(models, input(text), { accountModel: model }).intent.label).toBe(
        'billing_payment',
      );
    }
  });

  it('keeps predictions of unrelated messages', () => {
    for (const text of ['my order never arrived, where is it?', 'cannot log in to the app since Monday']) {
      const shared = triageMessage(models, input(text));
      const adapted = triageMessage(models, input(text), { accountModel: model });
      expect(adapted.sentiment.label).toBe(shared.sentiment.label);
      expect(adapted.intent.label).toBe(shared.intent.label);
    }
  });

  it('survives the stored encoding with identical predictions', () => {
    const decoded = decodeAccountModel(encodeAccountModel(model!));
    for (const text of [...SIMILAR_PRAISE, ...SIMILAR_GLOWCARD, 'hello there']) {
      const a = triageMessage(models, input(text), { accountModel: model });
      const b = triageMessage(models, input(text), { accountModel: decoded });
      expect(b).toEqual(a);
    }
  });

  it('trains nothing below the minimum number of corrections', () => {
    const few = { sentiment: data.sentiment.slice(0, 5), intent: [], anchors: data.anchors };
    const result = trainAccountModel(models, few, 1);
    expect(result.model).toBeUndefined();
    expect(result.report.heads[0]!.reason).toMatch(/at least 12/);
  });

  it('rejects a head that is no better than the shared model on held-out corrections', () => {
    // "Corrections" that agree with the shared model: nothing to learn, so nothing is kept.
    const agreeing = data.anchors.map((text) => ({
      text,
      label: triageMessage(models, input(text)).sentiment.label as string,
    }));
    const result = trainAccountModel(models, { sentiment: agreeing, intent: [], anchors: [] }, 1);
    expect(result.model).toBeUndefined();
    expect(result.report.heads[0]!.reason).toMatch(/no better/);
  });
});
