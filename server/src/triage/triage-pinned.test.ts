import { describe, expect, it } from 'vitest';
import { extractFeatures } from './features.ts';
import { loadTriageModels } from './load-models.ts';
import { triageMessage } from './triage-message.ts';
// Outputs recorded before the speed work (issue 4); any optimisation must reproduce them exactly.
import pinned from './triage-pinned.expected.json' with { type: 'json' };
import { PINNED_INPUTS } from './triage-pinned.fixtures.ts';
import type { TriageResult } from './types.ts';

function expectClose(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    expect(Math.abs((actual as number) - expected), path).toBeLessThanOrEqual(1e-9);
  } else if (expected && typeof expected === 'object') {
    expect(actual && typeof actual === 'object', path).toBe(true);
    const keys = Object.keys(expected as object).sort();
    expect(Object.keys(actual as object).sort(), path).toEqual(keys);
    for (const key of keys)
      expectClose(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
  } else expect(actual, path).toBe(expected);
}

describe('triageMessage pinned outputs', () => {
  const models = loadTriageModels();
  it('has one recorded result per fixture', () => {
    expect(pinned.results).toHaveLength(PINNED_INPUTS.length);
  });
  PINNED_INPUTS.forEach((input, i) => {
    it(`#${i}: ${input.text.slice(0, 40)}`, () => {
      const result: TriageResult = triageMessage(models, input);
      expectClose(result, pinned.results[i], `#${i}`);
    });
  });
  it('extracts the same hashed features (indices and values) as recorded', () => {
    const { config, lexicon } = models.sentiment;
    PINNED_INPUTS.forEach((input, i) => {
      const features = extractFeatures(input.text, config, models.scratch.features, lexicon);
      const got = Array.from(features.indices.subarray(0, features.length));
      const values = Array.from(features.values.subarray(0, features.length));
      expect(got, `#${i} indices`).toEqual(pinned.features[i]!.indices);
      // Float32 values survive the JSON round trip exactly.
      expect(values, `#${i} values`).toEqual(pinned.features[i]!.values);
    });
  });
});
