// Cross-implementation peer for ArenaServer.MessagePack.Tests (MessagePackInteropTests).
// Reads JSON lines on stdin and writes one JSON line per input line on stdout:
//   node msgpack-cross.mjs decode   input {"hex": "...", "value": <typed>}  output {"ok": true} or {"ok": false, "error": "..."}
//   node msgpack-cross.mjs encode   input <typed>                           output {"hex": "..."}
//   node msgpack-cross.mjs encode-float32   as encode, with forceFloat32 (every non-integer number as float32)
// <typed> is a lossless description of a value:
//   {"t":"nil"} {"t":"bool","v":true} {"t":"i","v":"-123"} (bigints as decimal strings)
//   {"t":"f32"|"f64","v":"<float64 bits, 16 hex digits>"} {"t":"s","v":"text"} {"t":"b","v":"<base64>"}
//   {"t":"a","v":[<typed>...]} {"t":"m","v":[[<typed key>, <typed value>]...]} {"t":"x","type":5,"v":"<base64>"}
//   {"t":"ts","sec":"<decimal>","nsec":123}
import { createInterface } from "node:readline";
import {
  decode, encode, ExtData, ExtensionCodec, decodeTimestampToTimeSpec, encodeTimeSpecToTimestamp,
} from "@msgpack/msgpack";

class TimeSpec {
  constructor(sec, nsec) { this.sec = sec; this.nsec = nsec; }
}

// Replace the built-in timestamp codec (which maps to Date, losing nanoseconds) with an exact one.
const extensionCodec = new ExtensionCodec();
extensionCodec.register({
  type: -1,
  encode: (o) => (o instanceof TimeSpec ? encodeTimeSpecToTimestamp({ sec: o.sec, nsec: o.nsec }) : null),
  decode: (data) => { const t = decodeTimestampToTimeSpec(data); return new TimeSpec(t.sec, t.nsec); },
});
const options = { extensionCodec, useBigInt64: true };

function f64FromHex(hex) {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt("0x" + hex));
  return view.getFloat64(0);
}

const bytesOf = (b64) => new Uint8Array(Buffer.from(b64, "base64"));
const sameBytes = (a, b) => a instanceof Uint8Array && a.length === b.length && a.every((x, i) => x === b[i]);
const show = (a) => { try { return JSON.stringify(a, (_, v) => (typeof v === "bigint" ? `${v}n` : v)); } catch { return String(a); } };

function build(d) {
  switch (d.t) {
    case "nil": return null;
    case "bool": return d.v;
    case "i": { const n = BigInt(d.v); return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n; }
    case "f32": case "f64": return f64FromHex(d.v);
    case "s": return d.v;
    case "b": return bytesOf(d.v);
    case "a": return d.v.map(build);
    case "m": { const o = {}; for (const [k, v] of d.v) { o[build(k)] = build(v); } return o; }
    case "x": return new ExtData(d.type, bytesOf(d.v));
    case "ts": return new TimeSpec(Number(d.sec), d.nsec);
    default: throw new Error("unknown typed value " + d.t);
  }
}

// Returns null when `a` (decoded by @msgpack/msgpack) is the value `d` describes, else a reason.
function check(d, a, path) {
  const fail = () => `${path}: expected ${JSON.stringify(d)}, got ${show(a)}`;
  switch (d.t) {
    case "nil": return a === null ? null : fail();
    case "bool": return a === d.v ? null : fail();
    case "i": {
      const e = BigInt(d.v);
      if (typeof a === "bigint") return a === e ? null : fail();
      return typeof a === "number" && Number.isInteger(a) && BigInt(a) === e ? null : fail();
    }
    case "f32": case "f64": return typeof a === "number" && Object.is(a, f64FromHex(d.v)) ? null : fail();
    case "s": return a === d.v ? null : fail();
    case "b": return sameBytes(a, bytesOf(d.v)) ? null : fail();
    case "a": {
      if (!Array.isArray(a) || a.length !== d.v.length) return fail();
      for (let i = 0; i < a.length; i++) { const r = check(d.v[i], a[i], `${path}[${i}]`); if (r) return r; }
      return null;
    }
    case "m": {
      if (a === null || typeof a !== "object" || Array.isArray(a)) return fail();
      const keys = Object.keys(a);
      if (keys.length !== d.v.length) return fail();
      for (let i = 0; i < keys.length; i++) {
        const [k, v] = d.v[i];
        if (keys[i] !== k.v) return `${path}: key ${i} is ${keys[i]}, expected ${k.v}`;
        const r = check(v, a[keys[i]], `${path}.${keys[i]}`); if (r) return r;
      }
      return null;
    }
    case "x": return a instanceof ExtData && a.type === d.type && sameBytes(a.data, bytesOf(d.v)) ? null : fail();
    case "ts": return a instanceof TimeSpec && a.sec === Number(d.sec) && a.nsec === d.nsec ? null : fail();
    default: return `unknown typed value ${d.t}`;
  }
}

const mode = process.argv[2];
const out = [];
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (line.trim() === "") continue;
  const input = JSON.parse(line);
  if (mode === "decode") {
    try {
      const error = check(input.value, decode(Buffer.from(input.hex, "hex"), options), "$");
      out.push(JSON.stringify(error ? { ok: false, error } : { ok: true }));
    } catch (e) {
      out.push(JSON.stringify({ ok: false, error: `decode threw: ${e.message}` }));
    }
  } else if (mode === "encode" || mode === "encode-float32") {
    const encodeOptions = mode === "encode" ? options : { ...options, forceFloat32: true };
    out.push(JSON.stringify({ hex: Buffer.from(encode(build(input), encodeOptions)).toString("hex") }));
  } else {
    throw new Error("usage: node msgpack-cross.mjs decode|encode|encode-float32");
  }
}
process.stdout.write(out.join("\n") + "\n");
