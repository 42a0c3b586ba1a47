// ArenaServer wire protocol v1 for JavaScript clients (normative spec: proto/PROTOCOL.md).
//
// Two layers:
//  * envelopes: `encodeEnvelope(value)` / `decodeEnvelope(bytes)` for the `arena.v1.msgpack` subprotocol, with the
//    kind and close-code constants;
//  * the `arena.v1.json` value mapping: `toJsonForm(bytes)` turns one MessagePack value into the JSON form (what an
//    `arena.v1.json` text frame carries, before JSON.stringify) and `fromJsonForm(json)` turns it back into
//    MessagePack bytes, byte for byte (PROTOCOL.md §3).
//
// All MessagePack bytes are produced and parsed by @msgpack/msgpack. Its Encoder and Decoder lose three
// distinctions the wire needs (float32 vs float64, integer-valued floats, map key order and non-string keys), so
// the two subclasses below keep them by routing typed wrapper values to the library's own encode/decode methods.

import { Decoder, Encoder, ExtData, ExtensionCodec, decodeTimestampToTimeSpec, encodeTimeSpecToTimestamp } from '@msgpack/msgpack';

export const SUBPROTOCOL_MSGPACK = 'arena.v1.msgpack';
export const SUBPROTOCOL_JSON = 'arena.v1.json';
export const SUBPROTOCOL_AUTH_PREFIX = 'arena.auth.';

/** Envelope kinds (PROTOCOL.md §4). Client to server below 64, server to client from 64. */
export const Kind = Object.freeze({
  Join: 1,
  Resume: 2,
  Input: 3,
  Leave: 4,
  Subscribe: 5,
  Unsubscribe: 6,
  Ping: 7,
  Joined: 64,
  Resumed: 65,
  Snapshot: 66,
  Message: 67,
  Event: 68,
  Latency: 69,
  Pong: 70,
  Redirect: 71,
  Error: 72,
  Presence: 73,
});

/** Presence roles (kind 73): a seat that plays or one that only watches. */
export const PresenceRole = Object.freeze({ Player: 0, Spectator: 1 });

/** WebSocket close codes (PROTOCOL.md §8). */
export const CloseCode = Object.freeze({
  Normal: 1000,
  GoingAway: 1001,
  ProtocolError: 1002,
  InvalidPayload: 1007,
  PolicyViolation: 1008,
  MessageTooBig: 1009,
  InternalServerError: 1011,
  Left: 4000,
  ServerShutdown: 4001,
  RoomClosed: 4002,
  Kicked: 4003,
  SeatTakenOver: 4004,
  Redirect: 4005,
  ResumeRejected: 4006,
  SlowConsumer: 4008,
  ProtocolViolation: 4010,
  RateLimited: 4029,
});

/** Close codes after which the server holds the seat for the grace period, so `Resume` may succeed. */
export const SEAT_HELD_CLOSE_CODES = Object.freeze([CloseCode.SlowConsumer]);

/** A float32 value: `{"$f32": …}` in the JSON form. */
export class Float32 {
  constructor(value) {
    this.value = Math.fround(value);
  }
}

/** A float64 value whose JSON form is tagged (integer-valued, -0 or non-finite). */
export class Float64 {
  constructor(value) {
    this.value = value;
  }
}

/** A MessagePack map kept as ordered `[key, value]` entries (keys of any type). */
export class MapEntries {
  constructor(entries) {
    this.entries = entries;
  }
}

/** A timestamp (extension −1) as seconds and nanoseconds: `{"$ts": [sec, nsec]}` in the JSON form. */
export class Timestamp {
  constructor(sec, nsec) {
    this.sec = sec;
    this.nsec = nsec;
  }
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;
const INDEX_LIKE_KEY = /^(0|[1-9][0-9]*)$/;

// Extension −1 stays raw so nanoseconds survive; the library's Date mapping keeps only milliseconds.
const rawTimestampCodec = new ExtensionCodec();
rawTimestampCodec.register({ type: -1, encode: () => null, decode: (data) => new ExtData(-1, data.slice()) });

class ProtoKey {}

class TypedDecoder extends Decoder {
  constructor(options) {
    let decoder;
    super({
      useBigInt64: true,
      extensionCodec: rawTimestampCodec,
      maxArrayLength: options?.maxCollectionLength ?? 4096,
      maxMapLength: options?.maxCollectionLength ?? 4096,
      // Keys are parked in a side table under unique tokens, so any key type survives, in wire order.
      mapKeyConverter: (key) => decoder.parkKey(key),
    });
    decoder = this;
    this.parked = new Map();
    this.nextToken = 0;
  }

  parkKey(key) {
    const token = `\u0000k${this.nextToken++}`;
    this.parked.set(token, key instanceof ProtoKey ? '__proto__' : key);
    return token;
  }

  pushMapState(size) {
    super.pushMapState(size);
    const state = this.stack.top();
    const entries = new MapEntries([]);
    const parked = this.parked;
    state.map = new Proxy(entries, {
      set(target, token, value) {
        target.entries.push([parked.get(token), value]);
        parked.delete(token);
        return true;
      },
    });
  }

  // The library rejects a "__proto__" key before the key converter sees it; it is a valid key on the wire, so it
  // travels boxed and is unboxed when parked.
  decodeString(byteLength, headerOffset) {
    const text = super.decodeString(byteLength, headerOffset);
    return text === '__proto__' && this.stateIsMapKey() ? new ProtoKey() : text;
  }

  readF32() {
    return new Float32(super.readF32());
  }

  readF64() {
    return new Float64(super.readF64());
  }
}

class TypedEncoder extends Encoder {
  constructor() {
    super({ useBigInt64: true, maxDepth: 100 });
    this.pendingKeys = new Map();
    this.valueTokens = new Map();
    this.nextToken = 0;
  }

  doEncode(object, depth) {
    if (object instanceof Float32 || object instanceof Float64) {
      const saved = this.forceFloat32;
      this.forceFloat32 = object instanceof Float32;
      try {
        this.encodeNumberAsFloat(object.value);
      } finally {
        this.forceFloat32 = saved;
      }
    } else if (typeof object === 'number' || typeof object === 'bigint') {
      this.encodeInteger(object);
    } else if (object instanceof Timestamp) {
      super.doEncode(new ExtData(-1, encodeTimeSpecToTimestamp({ sec: object.sec, nsec: object.nsec })), depth);
    } else if (object instanceof MapEntries) {
      this.encodeEntries(object.entries, depth);
    } else if (object !== null && typeof object === 'object' && !Array.isArray(object) &&
      !ArrayBuffer.isView(object) && !(object instanceof ExtData)) {
      this.encodeEntries(Object.entries(object), depth);
    } else {
      super.doEncode(object, depth);
    }
  }

  // Shortest form, as the library picks it, but 64-bit values go through BigInt: with useBigInt64 the library
  // writes safe integers beyond 32 bits as float64.
  encodeInteger(value) {
    if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      throw new TypeError(`${value} is not an integer; wrap floats in Float64 or Float32`);
    }
    const big = BigInt(value);
    if (big < INT64_MIN || big > UINT64_MAX) {
      throw new RangeError(`${value} does not fit a 64-bit integer`);
    }
    if (big >= -0x80000000n && big < 0x100000000n) {
      this.encodeNumber(Number(big));
    } else {
      this.encodeBigInt64(big);
    }
  }

  // The library writes map headers only for plain objects, so the entries travel under unique placeholder keys
  // and the key hook swaps each placeholder for the real key when the library writes it.
  encodeEntries(entries, depth) {
    const placeholder = {};
    const values = new Map();
    for (const [key, value] of entries) {
      const token = `\u0000e${this.nextToken++}`;
      placeholder[token] = token;
      this.pendingKeys.set(token, key);
      values.set(token, value);
    }
    for (const [token, value] of values) {
      this.valueTokens.set(token, { value, depth: depth + 1 });
    }
    super.encodeMap(placeholder, depth);
  }

  encodeString(object) {
    if (this.pendingKeys.has(object)) {
      const key = this.pendingKeys.get(object);
      this.pendingKeys.delete(object);
      this.doEncode(key, 1);
      return;
    }
    if (this.valueTokens.has(object)) {
      const { value, depth } = this.valueTokens.get(object);
      this.valueTokens.delete(object);
      this.doEncode(value, depth);
      return;
    }
    super.encodeString(object);
  }
}

function hexToBytes(hex) {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new TypeError('hex must be an even number of hex digits');
  }
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = parseInt(hex.substr(i * 2, 2), 16);
  }
  return bytes;
}

export function bytesToHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export { hexToBytes };

// btoa/atob exist in browsers and in Node 16+, so the module needs no Buffer polyfill when bundled.
function bytesToBase64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function base64ToBytes(text) {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    throw new TypeError('$bin/$ext data must be padded standard base64');
  }
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

function floatBitsHex(value, width) {
  const view = new DataView(new ArrayBuffer(width));
  if (width === 4) {
    view.setFloat32(0, value);
  } else {
    view.setFloat64(0, value);
  }
  return bytesToHex(new Uint8Array(view.buffer));
}

function floatFromBitsHex(hex, width) {
  if (hex.length !== width * 2) {
    throw new TypeError(`float bits must be ${width * 2} hex digits`);
  }
  const view = new DataView(hexToBytes(hex).buffer);
  return width === 4 ? view.getFloat32(0) : view.getFloat64(0);
}

// The shortest decimal that reads back as the same float32, as .NET's float.ToString() prints it. JavaScript has no
// float32 printer, so try 1–9 significant digits. When the float lies exactly halfway between two shortest
// candidates, toExponential picks the larger one and .NET the even one; follow .NET so both reference
// implementations write the same JSON form.
function shortestFloat32(value) {
  for (let digits = 1; digits <= 9; digits++) {
    let text = value.toExponential(digits - 1);
    if (Math.fround(Number(text)) !== value) {
      continue;
    }
    const [mantissa, exponent] = text.split('e');
    const last = mantissa.charCodeAt(mantissa.length - 1) - 48;
    const longer = value.toExponential(digits);
    if (last % 2 === 1 && Number(longer) === value && longer.split('e')[0].endsWith('5')) {
      const lower = `${mantissa.slice(0, -1)}${last - 1}e${exponent}`;
      if (Math.fround(Number(lower)) === value) {
        text = lower;
      }
    }
    return Number(text);
  }
  return value;
}

function isPlainFinite(value) {
  return Number.isFinite(value) && !Object.is(value, -0);
}

function keyNeedsEntries(key) {
  return typeof key !== 'string' || key.startsWith('$') || INDEX_LIKE_KEY.test(key) || key === '__proto__';
}

/** Converts a decoded typed value (TypedDecoder output) to its JSON form. */
function typedToJson(value) {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number') {
    return value;
  }
  if (typeof value === 'bigint') {
    return value >= -MAX_SAFE && value <= MAX_SAFE ? Number(value) : { $int: value.toString() };
  }
  if (value instanceof Float64) {
    if (!isPlainFinite(value.value)) {
      return { $f64: floatBitsHex(value.value, 8) };
    }
    return Number.isInteger(value.value) ? { $f64: value.value } : value.value;
  }
  if (value instanceof Float32) {
    return isPlainFinite(value.value) ? { $f32: shortestFloat32(value.value) } : { $f32: floatBitsHex(value.value, 4) };
  }
  if (value instanceof Uint8Array) {
    return { $bin: bytesToBase64(value) };
  }
  if (value instanceof ExtData) {
    if (value.type === -1) {
      const spec = canonicalTimestamp(value.data);
      if (spec !== null) {
        return { $ts: [spec.sec, spec.nsec] };
      }
    }
    return { $ext: [value.type, bytesToBase64(value.data)] };
  }
  if (Array.isArray(value)) {
    return value.map(typedToJson);
  }
  if (value instanceof MapEntries) {
    const keys = value.entries.map(([key]) => key);
    if (keys.some(keyNeedsEntries) || new Set(keys).size !== keys.length) {
      return { $map: value.entries.map(([key, item]) => [typedToJson(key), typedToJson(item)]) };
    }
    const object = {};
    for (const [key, item] of value.entries) {
      object[key] = typedToJson(item);
    }
    return object;
  }
  if (value !== null && typeof value === 'object' && Object.keys(value).length === 0) {
    return {}; // the library returns an empty map as {} without a map state
  }
  throw new TypeError(`unexpected decoded value ${value}`);
}

// Only timestamps in the shortest of the three layouts, with nanoseconds below one second and seconds that a
// JSON number holds exactly, become {"$ts"}; anything else stays {"$ext"} so it re-encodes byte for byte.
function canonicalTimestamp(data) {
  if (data.length !== 4 && data.length !== 8 && data.length !== 12) {
    return null;
  }
  let spec;
  try {
    spec = decodeTimestampToTimeSpec(data);
  } catch {
    return null;
  }
  if (spec.nsec >= 1e9 || !Number.isSafeInteger(spec.sec)) {
    return null;
  }
  const again = encodeTimeSpecToTimestamp(spec);
  return bytesToHex(again) === bytesToHex(data) ? spec : null;
}

function integerFromJson(value) {
  if (typeof value === 'number' && Number.isInteger(value)) {
    return value;
  }
  if (value !== null && typeof value === 'object' && typeof value.$int === 'string' && /^-?(0|[1-9][0-9]*)$/.test(value.$int)) {
    return BigInt(value.$int);
  }
  throw new TypeError(`expected an integer, got ${JSON.stringify(value)}`);
}

/** Converts a JSON-form value to the typed value TypedEncoder writes. */
function jsonToTyped(value) {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) ? value : new Float64(value);
  }
  if (Array.isArray(value)) {
    return value.map(jsonToTyped);
  }
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0].startsWith('$')) {
    const tagged = value[keys[0]];
    switch (keys[0]) {
      case '$int':
        return integerFromJson(value);
      case '$f32':
        return new Float32(typeof tagged === 'string' ? floatFromBitsHex(tagged, 4) : tagged);
      case '$f64':
        return new Float64(typeof tagged === 'string' ? floatFromBitsHex(tagged, 8) : tagged);
      case '$bin':
        return base64ToBytes(tagged);
      case '$ext':
        return new ExtData(tagged[0], base64ToBytes(tagged[1]));
      case '$ts':
        return new Timestamp(Number(integerFromJson(tagged[0])), Number(integerFromJson(tagged[1])));
      case '$map':
        return new MapEntries(tagged.map(([key, item]) => [jsonToTyped(key), jsonToTyped(item)]));
      default:
        throw new TypeError(`unknown tag ${keys[0]}`);
    }
  }
  if (keys.some((key) => key.startsWith('$'))) {
    throw new TypeError('object keys starting with $ are reserved for tags; use {"$map": …}');
  }
  return new MapEntries(keys.map((key) => [key, jsonToTyped(value[key])]));
}

/** One MessagePack value (Uint8Array) → its `arena.v1.json` form (a JSON-compatible JS value). */
export function toJsonForm(bytes, options) {
  return typedToJson(new TypedDecoder(options).decode(bytes));
}

/** An `arena.v1.json` form → the MessagePack bytes it stands for (canonical, shortest encodings). */
export function fromJsonForm(json) {
  return new TypedEncoder().encode(jsonToTyped(json));
}

/** Encodes an envelope given in JSON form, e.g. `encodeEnvelope([Kind.Input, seq, lastTick, 1, [dx, dy]])`. */
export function encodeEnvelope(envelope) {
  if (!Array.isArray(envelope) || !Number.isInteger(envelope[0]) || envelope[0] < 0 || envelope[0] > 127) {
    throw new TypeError('an envelope is an array whose first element is a kind 0–127');
  }
  return fromJsonForm(envelope);
}

/** Decodes one binary frame into its JSON form; throws unless it is an array starting with a kind below 128. */
export function decodeEnvelope(bytes, options) {
  const value = toJsonForm(bytes, options);
  if (!Array.isArray(value) || !Number.isInteger(value[0]) || value[0] < 0 || value[0] > 127) {
    throw new TypeError('not an arena envelope');
  }
  return value;
}

/**
 * Builds a Join envelope `[1, roomType, roomId?, options?]` (PROTOCOL.md §5). Options with no entries are omitted,
 * and so is a missing roomId when no options follow, so the shortest form goes on the wire.
 */
export function joinEnvelope(roomType, roomId = null, options = null) {
  const entries = options === null ? [] : Object.entries(options).filter(([, value]) => value !== undefined && value !== false);
  if (entries.length === 0) {
    return roomId === null || roomId === undefined ? [Kind.Join, roomType] : [Kind.Join, roomType, roomId];
  }
  return [Kind.Join, roomType, roomId ?? null, Object.fromEntries(entries)];
}

/**
 * Reads a Presence envelope `[73, full, upserts, removals]` (JSON form) into
 * `{ full, upserts: [{ playerId, name, role, connected }], removals: [playerId] }`; throws on a malformed one.
 */
export function readPresence(envelope) {
  if (!Array.isArray(envelope) || envelope[0] !== Kind.Presence || envelope.length < 4 ||
    typeof envelope[1] !== 'boolean' || !Array.isArray(envelope[2]) || !Array.isArray(envelope[3])) {
    throw new TypeError('not a presence envelope');
  }
  const upserts = envelope[2].map((entry) => {
    if (!Array.isArray(entry) || entry.length < 4 || !Number.isInteger(entry[0]) || typeof entry[1] !== 'string' ||
      !Number.isInteger(entry[2]) || typeof entry[3] !== 'boolean') {
      throw new TypeError(`malformed presence entry ${JSON.stringify(entry)}`);
    }
    return { playerId: entry[0], name: entry[1], role: entry[2], connected: entry[3] };
  });
  const removals = envelope[3].map((id) => {
    if (!Number.isInteger(id)) {
      throw new TypeError(`malformed presence removal ${JSON.stringify(id)}`);
    }
    return id;
  });
  return { full: envelope[1], upserts, removals };
}

/** The number a JSON-form value stands for: plain numbers, `{"$f32"}`/`{"$f64"}` (value or IEEE bits) and `{"$int"}`. */
export function numberOf(value) {
  if (typeof value === 'number') {
    return value;
  }
  if (value !== null && typeof value === 'object') {
    if ('$f32' in value) {
      return typeof value.$f32 === 'string' ? floatFromBitsHex(value.$f32, 4) : value.$f32;
    }
    if ('$f64' in value) {
      return typeof value.$f64 === 'string' ? floatFromBitsHex(value.$f64, 8) : value.$f64;
    }
    if ('$int' in value) {
      return Number(value.$int);
    }
  }
  throw new TypeError(`expected a number, got ${JSON.stringify(value)}`);
}

/** Encodes an envelope (JSON form) for the negotiated subprotocol: MessagePack bytes or `arena.v1.json` text. */
export function encodeFrame(envelope, subprotocol) {
  return subprotocol === SUBPROTOCOL_JSON ? JSON.stringify(envelope) : encodeEnvelope(envelope);
}

/** Decodes a received frame (ArrayBuffer/Uint8Array for MessagePack, string for `arena.v1.json`) into its JSON form. */
export function decodeFrame(data) {
  if (typeof data === 'string') {
    const value = JSON.parse(data);
    if (!Array.isArray(value) || !Number.isInteger(value[0]) || value[0] < 0 || value[0] > 127) {
      throw new TypeError('not an arena envelope');
    }
    return value;
  }
  return decodeEnvelope(data instanceof Uint8Array ? data : new Uint8Array(data));
}
