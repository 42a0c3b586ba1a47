// The connection state machine with a scripted WebSocket and manual timers: join, resume after a network blip,
// rejoin after 4006, stop after 4004, the subprotocol switch and the room-code fallback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ArenaClient } from '../src/net/arena-client.js';
import { SessionStore } from '../src/net/session-store.js';
import { SUBPROTOCOL_JSON, SUBPROTOCOL_MSGPACK, decodeFrame, encodeFrame } from '../src/protocol.js';

class FakeSocket {
  static all = [];

  constructor(url, protocols) {
    this.url = url;
    this.protocols = protocols;
    this.protocol = protocols[0];
    this.readyState = 0;
    this.sent = [];
    this.closedWith = null;
    FakeSocket.all.push(this);
  }

  send(data) {
    this.sent.push(decodeFrame(typeof data === 'string' ? data : data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)));
  }

  close(code, reason) {
    this.closedWith = { code, reason };
    this.readyState = 3;
  }

  // Server side of the script.
  open() {
    this.readyState = 1;
    this.onopen?.();
  }

  receive(envelope) {
    const frame = encodeFrame(envelope, this.protocol);
    this.onmessage?.({ data: typeof frame === 'string' ? frame : frame.buffer });
  }

  drop(code, reason = '') {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
}

class MemoryStorage {
  constructor() {
    this.map = new Map();
  }

  getItem(key) {
    return this.map.get(key) ?? null;
  }

  setItem(key, value) {
    this.map.set(key, String(value));
  }

  removeItem(key) {
    this.map.delete(key);
  }
}

function setup(storage = new MemoryStorage()) {
  FakeSocket.all = [];
  const timers = [];
  const events = { states: [], seats: [], notices: [], envelopes: [] };
  const client = new ArenaClient({
    url: 'ws://127.0.0.1:1/ws',
    roomType: 'arena',
    store: new SessionStore(storage),
    WebSocketImpl: FakeSocket,
    setTimer: (fn, ms) => {
      timers.push({ fn, ms });
      return timers.length;
    },
    clearTimer: () => {},
    handlers: {
      onState: (state) => events.states.push(state),
      onSeat: (seat, resumed) => events.seats.push({ ...seat, resumed }),
      onNotice: (text) => events.notices.push(text),
      onEnvelope: (envelope) => events.envelopes.push(envelope),
    },
  });
  const runTimers = () => {
    const due = timers.splice(0);
    for (const timer of due) {
      timer.fn();
    }
    return due.map((timer) => timer.ms);
  };
  return { client, events, storage, runTimers, socket: () => FakeSocket.all.at(-1) };
}

const joined = (id = 3, room = 'ABCDEFGHJK', token = 'tok-1') => [64, id, room, token, 30, 100];

test('start_NoStoredSeat_JoinsWithTheNameAndStoresTheSeat', () => {
  const { client, events, storage, socket } = setup();
  client.start({ name: 'Keen Lynx 7' });
  assert.deepEqual(socket().protocols, [SUBPROTOCOL_MSGPACK]);
  socket().open();
  assert.deepEqual(socket().sent, [[1, 'arena', null, { name: 'Keen Lynx 7' }]]);
  socket().receive(joined());
  assert.equal(client.state, 'joined');
  assert.equal(events.seats[0].playerId, 3);
  assert.equal(JSON.parse(storage.getItem('arena.session')).token, 'tok-1');
  assert.ok(client.send([3, 1, 100, 1, [1, 0]]));
  assert.deepEqual(socket().sent.at(-1), [3, 1, 100, 1, [1, 0]]);
});

test('drop_WithoutCloseFrame_ReconnectsWithBackoffAndResumesTheSameSeat', () => {
  const { client, events, runTimers, socket } = setup();
  client.start({ name: 'Ann' });
  socket().open();
  socket().receive(joined(3, 'ABCDEFGHJK', 'tok-1'));
  client.progress(17, 140);
  const first = socket();

  first.drop(1006);
  assert.equal(client.state, 'reconnecting');
  assert.equal(client.send([3, 18, 140, 1, [0, 0]]), false, 'nothing is sent while disconnected');
  const [delay] = runTimers();
  assert.ok(delay >= 187 && delay <= 313, `first retry after ~250 ms, was ${delay}`);
  assert.notEqual(socket(), first);
  socket().open();
  assert.deepEqual(socket().sent, [[2, 'tok-1', 140]]);
  socket().receive([65, 3, 'ABCDEFGHJK', 'tok-2', 150]);
  assert.equal(client.state, 'resumed');
  assert.deepEqual(events.seats.at(-1), { ...events.seats.at(-1), playerId: 3, resumed: true, seq: 17, token: 'tok-2' });
  assert.deepEqual(events.notices, [], 'a blip that resumes needs no notice');
});

test('reload_StoredSeat_ResumesFirst', () => {
  const storage = new MemoryStorage();
  storage.setItem('arena.session', JSON.stringify({ token: 'tok-9', roomId: 'R', playerId: 5, seq: 40, lastTick: 900 }));
  const { client, socket } = setup(storage);
  client.start({ name: 'Ann' });
  socket().open();
  assert.deepEqual(socket().sent, [[2, 'tok-9', 900]]);
  socket().receive([65, 5, 'R', 'tok-10', 950]);
  assert.equal(client.seat.seq, 40, 'the input sequence continues across a resume');
});

test('resumeRejected_4006_JoinsAgainAtOnceInTheSameRoomAndSaysSo', () => {
  const storage = new MemoryStorage();
  storage.setItem('arena.session', JSON.stringify({ token: 'old', roomId: 'ROOM123456', playerId: 5, seq: 4, lastTick: 9 }));
  const { client, events, runTimers, socket } = setup(storage);
  client.start({ name: 'Ann', roomId: 'ROOM123456' });
  socket().open();
  socket().drop(4006, 'resume rejected');
  assert.equal(storage.getItem('arena.session'), null);
  assert.deepEqual(runTimers(), [0]);
  socket().open();
  assert.deepEqual(socket().sent, [[1, 'arena', 'ROOM123456', { name: 'Ann' }]]);
  socket().receive(joined(8, 'ROOM123456', 'new'));
  assert.equal(client.state, 'joined');
  assert.match(events.notices.join(' '), /expired/);
});

test('seatTakenOver_4004_Stops', () => {
  const { client, events, runTimers, socket } = setup();
  client.start({ name: 'Ann' });
  socket().open();
  socket().receive(joined());
  socket().drop(4004);
  assert.equal(client.state, 'stopped');
  assert.deepEqual(runTimers(), []);
  assert.match(events.notices.at(-1), /another tab/);
});

test('useSubprotocol_Json_ReconnectsOverJsonAndResumes', () => {
  const { client, socket } = setup();
  client.start({ name: 'Ann' });
  socket().open();
  socket().receive(joined(3, 'R', 'tok-1'));
  const old = socket();
  client.useSubprotocol(SUBPROTOCOL_JSON);
  assert.deepEqual(old.closedWith, { code: 1000, reason: 'switching' });
  assert.equal(old.onclose, null, 'the old socket no longer drives the client');
  assert.deepEqual(socket().protocols, [SUBPROTOCOL_JSON]);
  socket().open();
  assert.deepEqual(socket().sent, [[2, 'tok-1', 100]]);
});

test('switchTo_PrivateRoom_LeavesAndCreatesOneAsAPlayer', () => {
  const { client, socket } = setup();
  client.start({ name: 'Ann', spectate: true });
  socket().open();
  socket().receive(joined());
  const old = socket();
  client.switchTo({ roomId: null, private: true, spectate: true });
  assert.deepEqual(old.sent.at(-1), [4], 'Leave releases the old seat');
  socket().open();
  assert.deepEqual(socket().sent, [[1, 'arena', null, { name: 'Ann', private: true }]], 'a spectator cannot create a private room');
});

test('joinByCode_RoomNotFound_FallsBackToThePublicRoomAndSaysSo', () => {
  const { client, events, socket } = setup();
  client.start({ name: 'Ann', roomId: 'NOSUCHROOM' });
  socket().open();
  assert.deepEqual(socket().sent, [[1, 'arena', 'NOSUCHROOM', { name: 'Ann' }]]);
  socket().receive([72, 'room_not_found', 'no room NOSUCHROOM']);
  assert.deepEqual(socket().sent.at(-1), [1, 'arena', null, { name: 'Ann' }]);
  assert.match(events.notices.at(-1), /room not found/);
});

test('join_InvalidName_RetriesWithoutAName', () => {
  const { client, socket } = setup();
  client.start({ name: 'bad\u0007name' });
  socket().open();
  socket().receive([72, 'invalid_options', 'name']);
  assert.deepEqual(socket().sent.at(-1), [1, 'arena']);
});
