// Independent peer for ArenaServer.Protocol.Tests: reads MessagePack values as hex lines on stdin and, for each,
// prints one JSON line {"json": <arena.v1.json form per client-web/src/protocol.js>, "hex": <that form re-encoded>}
// or {"error": "..."}. Needs `npm ci` in client-web (for @msgpack/msgpack) as well as here.
import { readFileSync } from 'node:fs';
import { bytesToHex, fromJsonForm, hexToBytes, toJsonForm } from '../../client-web/src/protocol.js';

const lines = readFileSync(0, 'utf8').split('\n').filter((line) => line.length > 0);
const out = [];
for (const hex of lines) {
  try {
    const json = toJsonForm(hexToBytes(hex));
    const text = JSON.stringify(json);
    out.push(JSON.stringify({ json, hex: bytesToHex(fromJsonForm(JSON.parse(text))) }));
  } catch (error) {
    out.push(JSON.stringify({ error: String(error) }));
  }
}
process.stdout.write(`${out.join('\n')}\n`);
