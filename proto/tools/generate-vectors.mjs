// Regenerates proto/vectors/*.json from the definitions below: `node proto/tools/generate-vectors.mjs`
// (needs `npm ci` in client-web). Each vector is written in its arena.v1.json form; the hex is what
// @msgpack/msgpack encodes for it through client-web/src/protocol.js. The files are checked-in data: the C# tests
// and `node --test client-web/test` both decode and re-encode every entry byte for byte, so a change here is a
// wire change and must be reviewed as one.
import { writeFileSync } from 'node:fs';
import { deepStrictEqual } from 'node:assert';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bytesToHex, fromJsonForm, toJsonForm } from '../../client-web/src/protocol.js';

const vectorsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'vectors');

const v = (name, description, json) => ({ name, description, json });

function nested(depth) {
  let value = [];
  for (let i = 1; i < depth; i++) {
    value = [value];
  }
  return value;
}

const envelopes = [
  v('arena-join-any-room', 'Join: roomType only; the server picks a room of that type with a free seat or creates one.',
    [1, 'arena']),
  v('arena-join-room-string', 'Join a room by string id with options (a string-keyed map, passed to OnJoining).',
    [1, 'arena', 'r-7f3a', { map: 'dust', team: 'red' }]),
  v('arena-join-room-integer', 'Join a room by integer id, no options.', [1, 'arena', 42]),
  v('arena-join-nil-room-options', 'Join: a nil roomId means "any room", followed by options.',
    [1, 'arena', null, { team: 'blue' }]),
  v('arena-resume-string-token', 'Resume with the string resume token from Joined/Resumed and the last snapshot tick seen.',
    [2, 'q3Zb1c0H8xJm2P4rT9wYkA', 1200]),
  v('arena-resume-bin-token', 'Resume with a bin resume token: clients return the token unchanged, whatever its type.',
    [2, { $bin: 'q3Zb1c0H8xJm2P4rT9wYkA==' }, 1200]),
  v('arena-input-move', 'Input seq 7, last snapshot tick 5, tag 1 (Move) with body [x:int8, y:int8] = [1, 0].',
    [3, 7, 5, 1, [1, 0]]),
  v('arena-input-move-negative', 'Move [-1, -128]: negative fixint and int8 in the body.', [3, 8, 6, 1, [-1, -128]]),
  v('arena-input-max-seq', 'Input with seq 4294967295 (uint32 max) and a tick beyond 16 bits; tag 2 (Fire) with [angle:float32].',
    [3, 4294967295, 70000, 2, [{ $f32: 1.5 }]]),
  v('arena-input-trailing-fields', 'An Input from a newer client: two unknown trailing envelope fields and an extra body field. '
    + 'Readers skip trailing fields (PROTOCOL.md §4.1); the body reads as Move [1, 0].',
    [3, 9, 7, 1, [1, 0, 99], 'future', { hint: true }]),
  v('arena-leave', 'Leave: consented; the seat is released at once and the server closes with 4000.', [4]),
  v('arena-subscribe', 'Subscribe to a channel.', [5, 'lobby']),
  v('arena-unsubscribe', 'Unsubscribe from a channel.', [6, 'lobby']),
  v('arena-ping', 'Ping with clientTimeMs = 1767225600123 (beyond 32 bits: uint64).', [7, 1767225600123]),
  v('arena-ping-small', 'Ping with a small clientTimeMs (e.g. performance.now() rounded).', [7, 15320]),
  v('arena-joined', 'Joined: playerId 3, roomId "r-7f3a", resume token, tickRate 30, serverTick 1200.',
    [64, 3, 'r-7f3a', 'q3Zb1c0H8xJm2P4rT9wYkA', 30, 1200]),
  v('arena-joined-integer-room', 'Joined a room with an integer id.', [64, 1, 42, 'GkT0o9w8C1mQ2sZx7Yb3Vg', 60, 0]),
  v('arena-resumed', 'Resumed: same playerId and room, a rotated resume token, serverTick 1260.',
    [65, 3, 'r-7f3a', 'Wd7Pq0s1Lm3Xy8Zr2Tb6Na', 1260]),
  v('arena-snapshot', 'Snapshot at tick 1201 acking input 7; tag 1 body (game-defined): ships [[id, x:float32, y:float32]].',
    [66, 1201, 7, 1, [[[3, { $f32: 12.5 }, { $f32: -4.25 }], [4, { $f32: 0 }, { $f32: 100.75 }]]]]),
  v('arena-snapshot-before-input', 'Snapshot for a player whose inputs were not yet processed: ackedInputSeq 0.',
    [66, 1200, 0, 1, [[]]]),
  v('arena-message', 'Message (room Send/Broadcast), tag 2 (Hit) with body [targetId, damage].', [67, 2, [4, 25]]),
  v('arena-message-presence', 'A game-defined list as a room message: tag 3 with [[id, name], ...]. (The server\'s own '
    + 'presence is kind 73, below; games need not send one.)',
    [67, 3, [[[3, 'alice'], [4, 'bob']]]]),
  v('arena-join-server-options', 'Join any arena room with the server\'s options: display name and spectate (PROTOCOL.md §5.1); '
    + 'other keys go to the room\'s OnJoining.',
    [1, 'arena', null, { name: 'alice', spectate: true, team: 'red' }]),
  v('arena-join-private', 'Create a new private room (no roomId): its id in Joined is the code to share.',
    [1, 'arena', null, { private: true, name: 'bob' }]),
  v('arena-presence-full', 'Presence after Joined/Resumed: full = true lists every member [playerId, name, role, connected] '
    + '(role 0 player, 1 spectator) and replaces the client\'s list.',
    [73, true, [[3, 'alice', 0, true], [4, 'bob', 0, false], [5, 'carol', 1, true]], []]),
  v('arena-presence-upsert', 'Presence delta: player 4 came back (connected true); upserts replace by playerId.',
    [73, false, [[4, 'bob', 0, true]], []]),
  v('arena-presence-removal', 'Presence delta: player 3\'s seat was released (leave, kick or grace expiry).',
    [73, false, [], [3]]),
  v('arena-event-room', 'Event published to the room (target nil): name and JSON-like data.',
    [68, null, 'announcement', { text: 'double points', until: 1767229200 }]),
  v('arena-event-channel', 'Event fanned out on a channel the client subscribed to (target = channel name).',
    [68, 'lobby', 'rooms.changed', [{ id: 'r-7f3a', players: 2 }]]),
  v('arena-latency', 'Latency: rttMicros 23500, jitterMicros 1800 (RFC 6298 smoothing).', [69, 23500, 1800]),
  v('arena-pong', 'Pong: echoed clientTimeMs, serverTimeMs (Unix ms), serverTick.',
    [70, 1767225600123, 1767225600150, 1205]),
  v('arena-redirect', 'Redirect to the node hosting the room, with a single-use seat reservation; then close 4005.',
    [71, 'ws://10.0.0.2:8080/ws', 'rsv_5f2c9e0d4b7a']),
  v('arena-error', 'Error: join rejected by the room, with a human-readable message; the connection stays open.',
    [72, 'join_rejected', 'room is full']),
  v('arena-error-protocol', 'Error sent before a 4010 close.', [72, 'protocol_error', 'unknown tag 99']),
  v('arena-error-invalid-options', 'Error for a Join whose server options are invalid; the connection stays open.',
    [72, 'invalid_options', 'name must be 1–24 printable characters']),
];

const values = [
  v('nil', 'nil ↔ null.', null),
  v('false', 'false.', false),
  v('true', 'true.', true),
  v('int-zero', 'positive fixint 0.', 0),
  v('int-fixint-max', 'positive fixint 127.', 127),
  v('int-uint8-min', '128 needs uint8 (0xcc).', 128),
  v('int-uint8-max', '255.', 255),
  v('int-uint16-min', '256 needs uint16.', 256),
  v('int-uint16-max', '65535.', 65535),
  v('int-uint32-min', '65536 needs uint32.', 65536),
  v('int-uint32-max', '4294967295.', 4294967295),
  v('int-uint64-min', '4294967296 needs uint64.', 4294967296),
  v('int-max-safe', '2^53 − 1: the largest integer written as a bare JSON number.', Number.MAX_SAFE_INTEGER),
  v('int-beyond-safe', '2^53: written as {"$int": "…"} because JSON parsers may round it (PROTOCOL.md §3.2). '
    + 'JS needs useBigInt64 to encode it exactly.', { $int: '9007199254740992' }),
  v('int-int64-max', '2^63 − 1.', { $int: '9223372036854775807' }),
  v('int-uint64-max', '2^64 − 1, the largest MessagePack integer.', { $int: '18446744073709551615' }),
  v('int-negative-one', 'negative fixint −1.', -1),
  v('int-negative-fixint-min', 'negative fixint −32.', -32),
  v('int-int8-min-width', '−33 needs int8.', -33),
  v('int-int8-min', '−128.', -128),
  v('int-int16-min-width', '−129 needs int16.', -129),
  v('int-int16-min', '−32768.', -32768),
  v('int-int32-min-width', '−32769 needs int32.', -32769),
  v('int-int32-min', '−2147483648.', -2147483648),
  v('int-int64-min-width', '−2147483649 needs int64.', -2147483649),
  v('int-min-safe', '−(2^53 − 1), still a bare JSON number.', -Number.MAX_SAFE_INTEGER),
  v('int-int64-min', '−2^63, the smallest MessagePack integer.', { $int: '-9223372036854775808' }),
  v('float64-fraction', 'float64 0.1: a bare JSON number with a fraction is a float64.', 0.1),
  v('float64-negative', 'float64 −2.5.', -2.5),
  v('float64-integral', 'float64 1.0: integral, so tagged {"$f64": 1} (a bare 1 is an integer).', { $f64: 1 }),
  v('float64-large-integral', 'float64 1e300 is integral: tagged.', { $f64: 1e300 }),
  v('float64-max', 'float64 max.', { $f64: 1.7976931348623157e308 }),
  v('float64-min-subnormal', 'float64 5e-324: not integral, bare.', 5e-324),
  v('float64-negative-zero', 'float64 −0.0: tagged by its IEEE bits (JSON cannot keep the sign).', { $f64: '8000000000000000' }),
  v('float64-nan', 'float64 NaN (quiet, canonical bits).', { $f64: '7ff8000000000000' }),
  v('float64-infinity', 'float64 +Infinity.', { $f64: '7ff0000000000000' }),
  v('float64-negative-infinity', 'float64 −Infinity.', { $f64: 'fff0000000000000' }),
  v('float32-half', 'float32 1.5.', { $f32: 1.5 }),
  v('float32-tenth', 'float32 0.1: the shortest decimal that reads back as the same float32.', { $f32: 0.1 }),
  v('float32-integral', 'float32 1.0.', { $f32: 1 }),
  v('float32-max', 'float32 max 3.4028235e38.', { $f32: 3.4028235e38 }),
  v('float32-negative-zero', 'float32 −0.0.', { $f32: '80000000' }),
  v('float32-nan', 'float32 NaN (quiet, canonical bits).', { $f32: '7fc00000' }),
  v('float32-negative-infinity', 'float32 −Infinity.', { $f32: 'ff800000' }),
  v('float32-vs-float64', 'The same decimal 0.1 as float32 and as float64 in one array.', [{ $f32: 0.1 }, 0.1]),
  v('str-empty', 'empty fixstr.', ''),
  v('str-fixstr-max', '31 bytes: the longest fixstr.', 'a'.repeat(31)),
  v('str8-min', '32 bytes: str8.', 'b'.repeat(32)),
  v('str8-max', '255 bytes.', 'c'.repeat(255)),
  v('str16-min', '256 bytes: str16.', 'd'.repeat(256)),
  v('str-unicode', 'UTF-8: 2-, 3- and 4-byte sequences (é, €, 😀).', 'é€😀'),
  v('str-json-escapes', 'Characters JSON must escape: quote, backslash, control characters.', 'q"b\\n\n\t\u0001'),
  v('str-dollar', 'A string value starting with $ is just a string (only single-member objects are tags).', '$bin'),
  v('str32-64k', '65536 bytes: str32 (beyond the default 16 KiB message limit; a codec vector).', 'e'.repeat(65536)),
  v('bin-empty', 'empty bin8.', { $bin: '' }),
  v('bin8', 'bin8 with 3 bytes.', { $bin: 'AAEC' }),
  v('bin16', 'bin16 with 256 bytes.', { $bin: Buffer.alloc(256, 0xab).toString('base64') }),
  v('ext-fixext1', 'fixext1 type 1.', { $ext: [1, 'Kg=='] }),
  v('ext-fixext16', 'fixext16 type 127.', { $ext: [127, Buffer.alloc(16, 7).toString('base64')] }),
  v('ext8-odd-length', 'ext8 with 3 bytes, type −2 (reserved types round-trip too).', { $ext: [-2, 'AQID'] }),
  v('ext8-empty', 'ext8 with no data.', { $ext: [9, ''] }),
  v('timestamp32', 'timestamp 32: 2026-01-01T00:00:00Z.', { $ts: [1767225600, 0] }),
  v('timestamp64', 'timestamp 64: with nanoseconds.', { $ts: [1767225600, 123456789] }),
  v('timestamp96-negative', 'timestamp 96: before 1970.', { $ts: [-1, 500000000] }),
  v('timestamp64-non-canonical', 'A timestamp 64 that fits timestamp 32 is kept as {"$ext"} so it re-encodes identically.',
    { $ext: [-1, 'AAAAAGlVuQA='] }),
  v('array-empty', 'empty fixarray.', []),
  v('array16', '16 elements: array16.', Array.from({ length: 16 }, (_, i) => i)),
  v('array-max-length', '4096 elements: the MaxCollectionLength limit, accepted.', Array.from({ length: 4096 }, () => 0)),
  v('array-depth-limit', '32 nested arrays: the MaxDepth limit, accepted (one more is rejected).', nested(32)),
  v('map-empty', 'empty fixmap.', {}),
  v('map-string-keys', 'String keys keep their wire order in the JSON object.', { b: 1, a: [true, null], c: { d: 'e' } }),
  v('map16', '16 entries: map16.', Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, i]))),
  v('map-integer-keys', 'Non-string keys: {"$map": [[k, v], …]}.', { $map: [[1, 'one'], [-2, 'minus two']] }),
  v('map-index-like-key', 'A key like "1" would be reordered by JavaScript objects, so it uses {"$map"}.',
    { $map: [['b', 1], ['1', 2]] }),
  v('map-dollar-key', 'A key starting with $ would read as a tag, so the map uses {"$map"}.',
    { $map: [['$bin', 'not binary']] }),
  v('map-duplicate-keys', 'A repeated key would collapse in a JSON object, so the map uses {"$map"} and keeps both entries.',
    { $map: [['a', 1], ['a', 2]] }),
  v('map-mixed-keys', 'Keys of several types, including nil, bool, float and array.',
    { $map: [[null, 0], [true, 1], [{ $f32: 0.5 }, 2], [[1, 2], 3]] }),
  v('nested-mixed', 'A body mixing every family.',
    [null, false, -1, { $f32: 2.5 }, 3.25, 'x', { $bin: 'AQ==' }, { $ext: [3, 'AA=='] }, { k: [{ $int: '-9223372036854775808' }] }]),
];

function build(list) {
  return list.map(({ name, description, json }) => {
    const bytes = fromJsonForm(json);
    // The checked-in json must be the canonical form: decoding the bytes must give it back exactly.
    deepStrictEqual(toJsonForm(bytes, { maxCollectionLength: 4096 }), json, `${name}: json is not canonical`);
    return { name, description, hex: bytesToHex(bytes), json };
  });
}

function write(file, list) {
  const entries = build(list);
  const names = new Set(entries.map((e) => e.name));
  if (names.size !== entries.length) {
    throw new Error(`${file}: duplicate names`);
  }
  writeFileSync(join(vectorsDir, file), `${JSON.stringify(entries, null, 2)}\n`);
  console.log(`${file}: ${entries.length} vectors`);
}

write('envelopes.json', envelopes);
write('values.json', values);
