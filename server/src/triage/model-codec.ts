import type { FeatureConfig } from './features.ts';
import type { LinearModel } from './linear-model.ts';

/**
 * Model file: "PRLY", uint32 LE header length, UTF-8 JSON header, zero padding to an even offset, then the
 * weights as little-endian int16 quantised with one scale (max |w| / 32767), 2 bytes a weight;
 * the weights stay int16 in memory (see linear-model.ts).
 */
export interface ModelHeader {
  version: 1;
  name: string;
  classes: string[];
  config: FeatureConfig;
  bias: number[];
  scale: number;
  lexicon?: Record<string, number>;
  trainedOn: Record<string, number | string>;
}

export interface DecodedModel {
  header: ModelHeader;
  model: LinearModel;
}

const MAGIC = 'PRLY';

export function encodeModel(
  model: LinearModel,
  header: Omit<ModelHeader, 'version' | 'bias' | 'scale' | 'classes'>,
): Uint8Array {
  const fullHeader: ModelHeader = {
    version: 1,
    ...header,
    classes: [...model.classes],
    bias: Array.from(model.bias, (b) => Math.round(b * 1e6) / 1e6),
    scale: model.scale,
  };
  const json = new TextEncoder().encode(JSON.stringify(fullHeader));
  const weightsOffset = 8 + json.length + ((8 + json.length) % 2);
  const bytes = new Uint8Array(weightsOffset + model.weights.length * 2);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(4, json.length, true);
  bytes.set(json, 8);
  for (let i = 0; i < model.weights.length; i++)
    view.setInt16(weightsOffset + i * 2, model.weights[i]!, true);
  return bytes;
}

export function decodeModel(bytes: Uint8Array): DecodedModel {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC)
    throw new Error('not a Parley triage model file');
  const headerLength = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as ModelHeader;
  const weightsOffset = 8 + headerLength + ((8 + headerLength) % 2);
  const count = (1 << header.config.bits) * header.classes.length;
  if (bytes.byteLength - weightsOffset !== count * 2)
    throw new Error(`model ${header.name}: weight count mismatch`);
  const weights = new Int16Array(count);
  for (let i = 0; i < count; i++) weights[i] = view.getInt16(weightsOffset + i * 2, true);
  return {
    header,
    model: {
      classes: header.classes,
      weights,
      scale: header.scale,
      bias: Float32Array.from(header.bias),
      bits: header.config.bits,
    },
  };
}
