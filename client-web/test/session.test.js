// Reconnect policy (PROTOCOL.md §6.3, §8), the seat kept in sessionStorage, generated names, and the page state
// fed with server envelopes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CloseCode } from '../src/protocol.js';
import { ABNORMAL_CLOSURE, backoffDelay, closeAction, describeClose } from '../src/net/policy.js';
import { SessionStore } from '../src/net/session-store.js';
import { GameState } from '../src/game/game-state.js';
import { MAX_NAME_LENGTH, generateName, normaliseName } from '../src/game/names.js';

class MemoryStorage {
  constructor() {
    this.map = new Map();
  }

  getItem(key) {
    return this.map.has(key) ? this.map.get(key) : null;
  }

  setItem(key, value) {
    this.map.set(key, String(value));
  }

  removeItem(key) {
    this.map.delete(key);
  }
}

test('closeAction_SeatHeld_ResumesWithAToken', () => {
  assert.equal(closeAction(ABNORMAL_CLOSURE, true), 'resume');
  assert.equal(closeAction(CloseCode.SlowConsumer, true), 'resume');
  assert.equal(closeAction(ABNORMAL_CLOSURE, false), 'rejoin');
});

test('closeAction_SeatGone_RejoinsOrStops', () => {
  assert.equal(closeAction(CloseCode.ResumeRejected, true), 'rejoin');
  assert.equal(closeAction(CloseCode.ServerShutdown, true), 'rejoin');
  assert.equal(closeAction(CloseCode.RoomClosed, true), 'rejoin');
  assert.equal(closeAction(CloseCode.SeatTakenOver, true), 'stop');
  assert.equal(closeAction(CloseCode.Kicked, true), 'stop');
  assert.equal(closeAction(CloseCode.ProtocolViolation, true), 'stop');
});

test('backoffDelay_Doubles_From250msTo4s_WithJitter', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, 9].map((attempt) => backoffDelay(attempt, () => 0.5)), [250, 500, 1000, 2000, 4000, 4000, 4000]);
  assert.equal(backoffDelay(0, () => 0), 188);
  assert.equal(backoffDelay(0, () => 0.999999), 312);
});

test('describeClose_Expiry_SaysTheClientJoinedAgain', () => {
  assert.match(describeClose(CloseCode.ResumeRejected, ''), /expired.*joined again/);
  assert.match(describeClose(4999, 'why'), /4999: why/);
});

test('SessionStore_SavesLoadsAndClearsTheSeat', () => {
  const store = new SessionStore(new MemoryStorage());
  assert.equal(store.load(), null);
  store.save({ token: 'q3Zb1c0H8xJm2P4rT9wYkA', roomId: 'r-7f3a', playerId: 3, seq: 41, lastTick: 1200 });
  assert.deepEqual(store.load(), { token: 'q3Zb1c0H8xJm2P4rT9wYkA', roomId: 'r-7f3a', playerId: 3, seq: 41, lastTick: 1200 });
  store.save({ token: { $bin: 'AAEC' }, roomId: 7 });
  assert.deepEqual(store.load().token, { $bin: 'AAEC' }, 'a binary token is kept as its JSON form, unchanged');
  store.clear();
  assert.equal(store.load(), null);
});

test('SessionStore_CorruptOrMissingStorage_HasNoSeat', () => {
  const storage = new MemoryStorage();
  storage.setItem('arena.session', '{not json');
  assert.equal(new SessionStore(storage).load(), null);
  const none = new SessionStore(null);
  none.save({ token: 'x' });
  assert.equal(none.load(), null);
});

test('names_AreGeneratedWithinTheServerLimit_AndNormalised', () => {
  for (let i = 0; i < 200; i++) {
    const name = generateName();
    assert.ok(name.length >= 1 && name.length <= MAX_NAME_LENGTH, name);
  }
  assert.equal(normaliseName('  Ann   Lee  '), 'Ann Lee');
  assert.equal(normaliseName('x'.repeat(40)).length, MAX_NAME_LENGTH);
  assert.equal(normaliseName('   '), null);
  assert.equal(normaliseName(undefined), null);
});

function joinedState() {
  let now = 1000;
  const state = new GameState(() => now);
  state.seat({ playerId: 1, roomId: 'ABCDEFGHJK', tickRate: 30, spectate: false }, false);
  return { state, advance: (ms) => { now += ms; } };
}

const world = (...ships) => [ships.map(([id, x, y, score = 0, alive = true]) => [id, { $f32: x }, { $f32: y }, { $f32: 1 }, { $f32: 0 }, score, alive])];

test('GameState_Snapshot_UpdatesShipsPredictionAndRate', () => {
  const { state, advance } = joinedState();
  state.apply([66, 10, 0, 1, world([1, 10, 20], [2, 50, 50, 3])]);
  advance(33);
  state.apply([66, 11, 0, 1, world([1, 10, 20], [2, 52, 50, 3])]);
  assert.equal(state.tick, 11);
  assert.deepEqual(state.ships.map((s) => [s.id, s.x, s.y, s.score]), [[1, 10, 20, 0], [2, 52, 50, 3]]);
  assert.deepEqual(state.predictor.position, { x: 10, y: 20 });
  assert.equal(state.snapshotRate(), 2);
  advance(2000);
  assert.equal(state.snapshotRate(), 0);
});

test('GameState_LatencyAndPresence_FeedTheHudAndNames', () => {
  const { state } = joinedState();
  state.apply([69, 23500, 1800]);
  assert.equal(state.rttMs, 23.5);
  assert.equal(state.jitterMs, 1.8);
  state.apply([73, true, [[1, 'Ann', 0, true], [2, 'Bob', 0, true], [5, 'Eve', 1, true]], []]);
  state.apply([66, 3, 0, 1, world([1, 10, 10, 1], [2, 20, 20, 4])]);
  assert.equal(state.nameOf(2), 'Bob');
  state.apply([73, false, [[2, 'Bob', 0, false]], [5]]);
  const board = state.scoreboard();
  assert.deepEqual(board.rows.map((r) => [r.name, r.score, r.connected, r.own]), [['Bob', 4, false, false], ['Ann', 1, true, true]]);
  assert.deepEqual(board.spectators, []);
  assert.equal(state.nameOf(9), 'Player 9', 'a ship without presence gets a placeholder name');
  state.apply([73, true, [[7, 'Zed', 1, true]], []]);
  assert.deepEqual([...state.presence.keys()], [7], 'a full presence replaces the list');
  assert.deepEqual(state.scoreboard().spectators.map((s) => s.name), ['Zed']);
});

test('GameState_Hit_RecordsAShotBetweenTheShips', () => {
  const { state } = joinedState();
  state.apply([66, 3, 0, 1, world([1, 10, 10], [2, 30, 10])]);
  state.apply([67, 2, [1, 2]]);
  assert.deepEqual(state.shots.map((s) => [s.from, s.to]), [[{ x: 10, y: 10 }, { x: 30, y: 10 }]]);
});

test('GameState_OnSnapshotListeners_SeeEveryAppliedSnapshot', () => {
  const { state } = joinedState();
  const seen = [];
  state.listeners.add((ships, at) => seen.push([ships.length, at]));
  state.apply([66, 3, 0, 1, world([1, 10, 10])]);
  state.apply([66, 3, 0, 1, world([1, 10, 10])]); // repeated tick: ignored
  assert.deepEqual(seen, [[1, 1000]]);
});
