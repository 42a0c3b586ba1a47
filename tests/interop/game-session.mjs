// An independent game client for the functional tests: Node's `ws` + `@msgpack/msgpack` against our /ws.
// Usage: node game-session.mjs ws://127.0.0.1:PORT/ws
// Joins "arena", sends Move inputs until a Snapshot acknowledges them, pings, leaves, and prints one JSON line.
import WebSocket from 'ws';
import { decode, encode } from '@msgpack/msgpack';

const url = process.argv[2];
const deadline = setTimeout(() => fail('timed out'), 10_000);
const result = { protocol: null, joined: null, snapshots: 0, ticksIncrease: true, ackedInputSeq: 0, pong: null };
let lastTick = -1;
let sentInputs = false;
let pinged = false;

function fail(message) {
  console.error(`game-session: ${message}`);
  process.exit(1);
}

// Offers both subprotocols and an auth entry: the server must pick msgpack and never echo the auth entry.
const socket = new WebSocket(url, ['arena.auth.not-checked', 'arena.v1.json', 'arena.v1.msgpack'], { perMessageDeflate: false });
socket.binaryType = 'nodebuffer';
socket.on('error', (error) => fail(error.message));
socket.on('open', () => {
  result.protocol = socket.protocol;
  socket.send(encode([1, 'arena']));
});
socket.on('message', (data, isBinary) => {
  if (!isBinary) {
    fail('text frame on arena.v1.msgpack');
  }

  const message = decode(data);
  switch (message[0]) {
    case 64: // Joined [64, playerId, roomId, resumeToken, tickRate, serverTick]
      result.joined = { playerId: message[1], roomId: message[2], tokenLength: message[3].length, tickRate: message[4] };
      break;
    case 66: // Snapshot [66, serverTick, ackedInputSeq, tag, body]
      result.snapshots++;
      result.ticksIncrease &&= message[1] > lastTick;
      lastTick = message[1];
      result.ackedInputSeq = message[2];
      if (!sentInputs) {
        sentInputs = true;
        socket.send(encode([3, 1, lastTick, 1, [1, 0]]));
        socket.send(encode([3, 2, lastTick, 1, [0, 1]]));
      } else if (message[2] === 2 && !pinged) {
        pinged = true;
        socket.send(encode([7, 4242]));
      }
      break;
    case 70: // Pong [70, clientTimeMs, serverTimeMs, serverTick]
      result.pong = { clientTimeMs: message[1], serverTick: Number(message[3]) };
      socket.send(encode([4]));
      break;
    case 72:
      fail(`error ${message[1]}: ${message[2]}`);
      break;
    default:
      break;
  }
});
socket.on('close', (code) => {
  clearTimeout(deadline);
  console.log(JSON.stringify({ ...result, closeCode: code }));
});
