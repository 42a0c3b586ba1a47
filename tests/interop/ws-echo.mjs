// An independent RFC 6455 peer for the functional tests: the `ws` package's client against our /echo.
// Usage: node ws-echo.mjs ws://127.0.0.1:PORT/echo
// Sends a text and a binary message, checks both echoes, closes with 1000, and prints one JSON line.
import WebSocket from 'ws';

const url = process.argv[2];
const text = 'hello from node ws ☃';
const binary = Buffer.from([0, 1, 2, 127, 128, 254, 255]);
const deadline = setTimeout(() => fail('timed out'), 10_000);

function fail(message) {
  console.error(`ws-echo: ${message}`);
  process.exit(1);
}

const socket = new WebSocket(url, { perMessageDeflate: false });
const received = [];
socket.on('error', (error) => fail(error.message));
socket.on('open', () => socket.send(text));
socket.on('message', (data, isBinary) => {
  received.push({ isBinary, data: Buffer.from(data) });
  if (received.length === 1) {
    socket.send(binary);
  } else if (received.length === 2) {
    socket.close(1000, 'done');
  }
});
socket.on('close', (code, reason) => {
  clearTimeout(deadline);
  const [first, second] = received;
  console.log(JSON.stringify({
    protocol: socket.protocol,
    textEchoed: first !== undefined && !first.isBinary && first.data.toString('utf8') === text,
    binaryEchoed: second !== undefined && second.isBinary && second.data.equals(binary),
    closeCode: code,
    closeReason: reason.toString('utf8'),
  }));
});
