import type { AccountModel, AdapterHead, AdapterHeadName } from './account-model.ts';

/**
 * Stored form of an account model: "PRAD", uint32 LE header length, JSON header (version, per head its
 * classes, bias and table size), zero padding to a multiple of 4, then per head (sentiment, intent) the
 * int32 keys and float32 weights, little-endian.
 */
interface Header {
  version: number;
  heads: Partial<Record<AdapterHeadName, { classes: string[]; bias: number[]; slots: number }>>;
}

const MAGIC = 'PRAD';
const HEADS: AdapterHeadName[] = ['sentiment', 'intent'];

export function encodeAccountModel(model: AccountModel): Uint8Array {
  const header: Header = { version: model.version, heads: {} };
  let bodyBytes = 0;
  for (const name of HEADS) {
    const head = model[name];
    if (!head) continue;
    header.heads[name] = { classes: [...head.classes], bias: Array.from(head.bias), slots: head.keys.length };
    bodyBytes += head.keys.length * 4 + head.rows.length * 4;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const bodyOffset = Math.ceil((8 + json.length) / 4) * 4;
  const bytes = new Uint8Array(bodyOffset + bodyBytes);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(4, json.length, true);
  bytes.set(json, 8);
  let offset = bodyOffset;
  for (const name of HEADS) {
    const head = model[name];
    if (!head) continue;
    for (const key of head.keys) {
      view.setInt32(offset, key, true);
      offset += 4;
    }
    for (const weight of head.rows) {
      view.setFloat32(offset, weight, true);
      offset += 4;
    }
  }
  return bytes;
}

export function decodeAccountModel(bytes: Uint8Array): AccountModel {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) throw new Error('not a Parley account model');
  const length = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as Header;
  let offset = Math.ceil((8 + length) / 4) * 4;
  const model: AccountModel = { version: header.version };
  for (const name of HEADS) {
    const meta = header.heads[name];
    if (!meta) continue;
    const keys = new Int32Array(meta.slots);
    for (let i = 0; i < keys.length; i++, offset += 4) keys[i] = view.getInt32(offset, true);
    const rows = new Float32Array(meta.slots * meta.classes.length);
    for (let i = 0; i < rows.length; i++, offset += 4) rows[i] = view.getFloat32(offset, true);
    const head: AdapterHead = { classes: meta.classes, bias: Float64Array.from(meta.bias), keys, rows };
    model[name] = head;
  }
  if (offset !== bytes.byteLength) throw new Error('account model: length mismatch');
  return model;
}
