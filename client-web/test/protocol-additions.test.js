// Presence (kind 73), Join options, and the frame helpers the page uses for both subprotocols.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Kind, PresenceRole, SUBPROTOCOL_JSON, SUBPROTOCOL_MSGPACK, bytesToHex, decodeFrame, encodeEnvelope, encodeFrame,
  joinEnvelope, numberOf, readPresence,
} from '../src/protocol.js';

test('Kind.Presence is 73, the first kind of the reserved server range', () => {
  assert.equal(Kind.Presence, 73);
  assert.deepEqual(PresenceRole, { Player: 0, Spectator: 1 });
});

test('joinEnvelope_NoRoomNoOptions_IsTheShortestForm', () => {
  assert.deepEqual(joinEnvelope('arena'), [1, 'arena']);
  assert.deepEqual(joinEnvelope('arena', 'abc'), [1, 'arena', 'abc']);
  assert.deepEqual(joinEnvelope('arena', null, { spectate: false, name: undefined }), [1, 'arena']);
  assert.equal(bytesToHex(encodeEnvelope(joinEnvelope('arena'))), '9201a56172656e61'); // PROTOCOL.md §10 row 1
});

test('joinEnvelope_Options_AreAStringKeyedMapAfterANilRoomId', () => {
  const envelope = joinEnvelope('arena', null, { name: 'Keen Lynx 7', private: true });
  assert.deepEqual(envelope, [1, 'arena', null, { name: 'Keen Lynx 7', private: true }]);
  // [1, "arena", nil, {"name": "Keen Lynx 7", "private": true}] in canonical MessagePack.
  const hex = bytesToHex(encodeEnvelope(envelope));
  assert.equal(hex, '9401a56172656e61c082a46e616d65ab4b65656e204c796e782037a770726976617465c3');
  assert.deepEqual(decodeFrame(encodeEnvelope(envelope)), envelope);
});

test('joinEnvelope_JoinByCodeAsSpectator_CarriesRoomIdAndSpectate', () => {
  assert.deepEqual(joinEnvelope('arena', 'K7Q2M9XW4B', { name: 'Ann', spectate: true }),
    [1, 'arena', 'K7Q2M9XW4B', { name: 'Ann', spectate: true }]);
});

test('readPresence_FullList_ReadsEveryMember', () => {
  const presence = readPresence([73, true, [[1, 'Ann', 0, true], [2, 'Bob', 1, false]], []]);
  assert.deepEqual(presence, {
    full: true,
    upserts: [
      { playerId: 1, name: 'Ann', role: PresenceRole.Player, connected: true },
      { playerId: 2, name: 'Bob', role: PresenceRole.Spectator, connected: false },
    ],
    removals: [],
  });
});

test('readPresence_Delta_ReadsRemovalsAndIgnoresTrailingFields', () => {
  assert.deepEqual(readPresence([73, false, [[3, 'Cy', 0, true, 'future']], [1, 2], 'future']),
    { full: false, upserts: [{ playerId: 3, name: 'Cy', role: 0, connected: true }], removals: [1, 2] });
});

test('readPresence_Malformed_Throws', () => {
  assert.throws(() => readPresence([73, true, [[1, 'Ann', 0]], []]));
  assert.throws(() => readPresence([73, 1, [], []]));
  assert.throws(() => readPresence([73, false, [], ['x']]));
  assert.throws(() => readPresence([64, true, [], []]));
});

test('presence round-trips through MessagePack and arena.v1.json alike', () => {
  const envelope = [73, false, [[7, 'Zoë 🚀', 0, true]], [4]];
  assert.deepEqual(decodeFrame(encodeFrame(envelope, SUBPROTOCOL_MSGPACK)), envelope);
  assert.deepEqual(decodeFrame(encodeFrame(envelope, SUBPROTOCOL_JSON)), envelope);
  assert.equal(typeof encodeFrame(envelope, SUBPROTOCOL_JSON), 'string');
});

test('numberOf_ReadsPlainAndTaggedNumbers', () => {
  assert.equal(numberOf(3), 3);
  assert.equal(numberOf({ $f32: 1.5 }), 1.5);
  assert.equal(numberOf({ $f64: 2 }), 2);
  assert.equal(numberOf({ $f32: '80000000' }), -0);
  assert.ok(Number.isNaN(numberOf({ $f64: '7ff8000000000000' })));
  assert.equal(numberOf({ $int: '9007199254740993' }), 9007199254740992);
  assert.throws(() => numberOf('1'));
});

test('decodeFrame_Snapshot_IsTheSameJsonFormFromBothSubprotocols', () => {
  // Row 6 of PROTOCOL.md §10: a snapshot whose body carries float32 coordinates.
  const hex = '9542cd04b1010191919303ca3e800000ca00000000';
  const bytes = Uint8Array.from(hex.match(/../g), (pair) => parseInt(pair, 16));
  const fromBinary = decodeFrame(bytes.buffer);
  assert.deepEqual(fromBinary, [66, 1201, 1, 1, [[[3, { $f32: 0.25 }, { $f32: 0 }]]]]);
  assert.deepEqual(decodeFrame('[66,1201,1,1,[[[3,{"$f32":0.25},{"$f32":0}]]]]'), fromBinary);
});

test('decodeFrame_NotAnEnvelope_Throws', () => {
  assert.throws(() => decodeFrame('{"a":1}'));
  assert.throws(() => decodeFrame('[200]'));
  assert.throws(() => decodeFrame(new Uint8Array([0x01])));
});
