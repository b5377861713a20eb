import { describe, expect, it } from 'vitest';
import type { FeatureConfig } from './features.ts';
import { quantise } from './linear-model.ts';
import { decodeModel, encodeModel } from './model-codec.ts';

const config: FeatureConfig = {
  bits: 4,
  wordBigrams: false,
  charMin: 2,
  charMax: 3,
  negation: false,
  wordWeight: 1,
  charWeight: 1,
  styleWeight: 0,
  lexiconWeight: 0,
};

describe('model codec', () => {
  it('round-trips weights within the int16 quantisation step', () => {
    const weights = Float32Array.from({ length: 32 }, (_, i) => Math.sin(i) * 3);
    const model = quantise({ classes: ['a', 'b'], weights, bias: Float32Array.from([0.5, -0.25]), bits: 4 });
    const decoded = decodeModel(encodeModel(model, { name: 't', config, trainedOn: {} }));
    expect(decoded.model.classes).toEqual(['a', 'b']);
    expect(Array.from(decoded.model.bias)).toEqual([0.5, -0.25]);
    for (let i = 0; i < weights.length; i++) {
      expect(decoded.model.weights[i]! * decoded.model.scale).toBeCloseTo(weights[i]!, 3);
    }
  });

  it('rejects a file that is not a model', () => {
    expect(() => decodeModel(new TextEncoder().encode('nope, not a model'))).toThrow(/not a Parley/);
  });
});
