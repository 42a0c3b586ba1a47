// The golden vectors in proto/vectors are the cross-language contract (CONVENTIONS.md §46): every entry must
// decode to its JSON form and re-encode to its exact bytes here, with @msgpack/msgpack, as in the C# tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode, encode } from '@msgpack/msgpack';
import { CloseCode, Kind, bytesToHex, decodeEnvelope, encodeEnvelope, fromJsonForm, hexToBytes, toJsonForm } from '../src/protocol.js';

const vectorsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'proto', 'vectors');
const files = readdirSync(vectorsDir).filter((f) => f.endsWith('.json')).sort();
const vectors = files.flatMap((file) => {
  const parsed = JSON.parse(readFileSync(join(vectorsDir, file), 'utf8'));
  return (Array.isArray(parsed) ? parsed : [parsed]).map((entry) => ({ file, ...entry }));
});

// Vectors whose values the stock library cannot carry faithfully: float32 and integral float64 (it writes JS
// numbers as float64 or as integers), timestamps (it maps them to millisecond Dates) and maps whose keys are not
// order-safe strings (it decodes maps to objects). The typed codec in src/protocol.js covers them all; the stock
// round trip below is an extra, independent check for the rest.
function needsTypedCodec(json) {
  if (Array.isArray(json)) {
    return json.some(needsTypedCodec);
  }
  if (json === null || typeof json !== 'object') {
    return false;
  }
  const keys = Object.keys(json);
  if (keys.length === 1 && ['$f32', '$f64', '$ts', '$map'].includes(keys[0])) {
    return true;
  }
  if (keys.length === 1 && keys[0] === '$ext') {
    return json.$ext[0] === -1;
  }
  return keys.some((key) => needsTypedCodec(json[key]));
}

test('vector files are well formed', () => {
  assert.ok(files.length >= 2, `expected vector files in ${vectorsDir}`);
  const names = new Set();
  for (const vector of vectors) {
    assert.equal(typeof vector.name, 'string', `${vector.file}: name`);
    assert.equal(typeof vector.description, 'string', `${vector.name}: description`);
    assert.match(vector.hex, /^([0-9a-f]{2})+$/, `${vector.name}: hex`);
    assert.ok('json' in vector, `${vector.name}: json`);
    assert.ok(!names.has(vector.name), `duplicate vector name ${vector.name}`);
    names.add(vector.name);
  }
});

for (const vector of vectors) {
  test(`${vector.file} ${vector.name}: hex decodes to json`, () => {
    assert.deepStrictEqual(toJsonForm(hexToBytes(vector.hex)), vector.json);
  });

  test(`${vector.file} ${vector.name}: json encodes to hex byte for byte`, () => {
    assert.equal(bytesToHex(fromJsonForm(vector.json)), vector.hex);
  });

  test(`${vector.file} ${vector.name}: json survives JSON text`, () => {
    // What a text frame carries: stringify, parse, encode.
    const text = JSON.stringify(vector.json);
    assert.equal(bytesToHex(fromJsonForm(JSON.parse(text))), vector.hex);
  });

  if (!needsTypedCodec(vector.json)) {
    test(`${vector.file} ${vector.name}: stock @msgpack/msgpack round trip`, () => {
      const bytes = hexToBytes(vector.hex);
      const value = decode(bytes, { useBigInt64: true });
      assert.equal(bytesToHex(encode(value, { useBigInt64: true })), vector.hex);
    });
  }
}

test('every envelope kind has a vector', () => {
  const kinds = new Set(vectors.filter((v) => v.file === 'envelopes.json').map((v) => v.json[0]));
  for (const kind of Object.values(Kind)) {
    assert.ok(kinds.has(kind), `no vector for kind ${kind}`);
  }
});

test('arena-input-move is [3, seq, lastSnapshotTick, 1, [dx, dy]]', () => {
  const vector = vectors.find((v) => v.name === 'arena-input-move');
  assert.ok(vector, 'arena-input-move is missing');
  const envelope = decodeEnvelope(hexToBytes(vector.hex));
  assert.equal(envelope[0], Kind.Input);
  assert.ok(Number.isInteger(envelope[1]) && envelope[1] >= 0 && envelope[1] <= 0xffffffff);
  assert.ok(Number.isInteger(envelope[2]));
  assert.equal(envelope[3], 1);
  assert.equal(envelope[4].length, 2);
  for (const axis of envelope[4]) {
    assert.ok(Number.isInteger(axis) && axis >= -128 && axis <= 127);
  }
  assert.equal(bytesToHex(encodeEnvelope(envelope)), vector.hex);
});

test('stock decoder agrees with the typed codec on plain values', () => {
  const vector = vectors.find((v) => v.name === 'map-string-keys');
  assert.deepStrictEqual(decode(hexToBytes(vector.hex)), { b: 1, a: [true, null], c: { d: 'e' } });
});

test('decodeEnvelope rejects non-envelopes', () => {
  assert.throws(() => decodeEnvelope(encode({ kind: 1 })));
  assert.throws(() => decodeEnvelope(encode([128])));
  assert.throws(() => decodeEnvelope(encode(['1'])));
  assert.throws(() => encodeEnvelope([200]));
});

test('JSON form rejects reserved and malformed tags', () => {
  assert.throws(() => fromJsonForm({ $nope: 1 }));
  assert.throws(() => fromJsonForm({ $bin: 'AAEC', other: 1 }));
  assert.throws(() => fromJsonForm({ $bin: 'not base64!' }));
  assert.throws(() => fromJsonForm({ $int: '18446744073709551616' }));
  assert.throws(() => fromJsonForm({ $f64: '7ff8' }));
});

test('integral bare numbers are integers and fractional ones float64', () => {
  assert.equal(bytesToHex(fromJsonForm(2)), '02');
  assert.equal(bytesToHex(fromJsonForm(2.5)), 'cb4004000000000000');
  assert.equal(bytesToHex(fromJsonForm(JSON.parse('2.0'))), '02');
});

test('PROTOCOL.md tables match the Kind and CloseCode constants', () => {
  const doc = readFileSync(join(vectorsDir, '..', 'PROTOCOL.md'), 'utf8');
  const section = (heading) => {
    const start = doc.indexOf(heading);
    assert.ok(start >= 0, heading);
    const end = doc.indexOf('\n## ', start + heading.length);
    return doc.slice(start, end < 0 ? undefined : end);
  };
  const kinds = [...section('### 4.2 Kinds').matchAll(/^\| [CS]→[CS] \| (\d+) \| (\w+) \|/gm)].map((m) => [m[2], Number(m[1])]);
  assert.deepStrictEqual(kinds, Object.entries(Kind));
  const codes = [...section('## 8. Close codes').matchAll(/^\| (\d{4}) \|/gm)].map((m) => Number(m[1])).sort();
  assert.deepStrictEqual(codes, Object.values(CloseCode).sort());
});
