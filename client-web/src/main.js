// The page: joins the public arena on load (no prompt), sends inputs at the tick rate, predicts the own ship,
// interpolates the others, and keeps the HUD and scoreboard current. `window.arena` exposes the state to tests.
import { Kind, SUBPROTOCOL_JSON, SUBPROTOCOL_MSGPACK } from './protocol.js';
import { GameState } from './game/game-state.js';
import { generateName, normaliseName } from './game/names.js';
import { FIRE_COOLDOWN_MS, InputTag, ROOM_TYPE, directionOf } from './game/world.js';
import { ArenaClient } from './net/arena-client.js';
import { SessionStore } from './net/session-store.js';
import { Hud } from './ui/hud.js';
import { Renderer } from './ui/renderer.js';

const MAX_INPUTS_PER_TICK = 8; // PROTOCOL.md §9; this page sends at most two (Move and Fire)
const KEYS = {
  KeyW: 'up', ArrowUp: 'up', KeyS: 'down', ArrowDown: 'down', KeyA: 'left', ArrowLeft: 'left', KeyD: 'right', ArrowRight: 'right',
};

const params = new URLSearchParams(location.search);
const storage = safeSessionStorage();
const store = new SessionStore(storage);
const game = new GameState();
const hud = new Hud(document);
const renderer = new Renderer(document.getElementById('arena'));

const name = normaliseName(params.get('name') ?? '') ?? normaliseName(storage?.getItem('arena.name') ?? '') ?? generateName();
storage?.setItem('arena.name', name);
const useJson = (params.get('protocol') ?? storage?.getItem('arena.protocol')) === 'json';

const keys = { up: false, down: false, left: false, right: false, fire: false };
let seq = 0;
let lastSentDirection = [0, 0];
let lastFireAt = -Infinity;
let inputTimer = null;
let notice = '';
let inputsSent = 0;
let lastInputTickAt = 0;

const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
const client = new ArenaClient({
  url: wsUrl,
  roomType: ROOM_TYPE,
  store,
  subprotocol: useJson ? SUBPROTOCOL_JSON : SUBPROTOCOL_MSGPACK,
  handlers: {
    onState: (state) => hud.setState(state),
    onNotice: (text) => setNotice(text),
    onSeat: (seat, resumed) => {
      game.seat(seat, resumed);
      seq = Math.max(resumed ? seat.seq ?? 0 : 0, 0);
      lastSentDirection = [0, 0];
      startInputLoop(seat.tickRate ?? game.tickRate);
      if (!resumed && notice.startsWith('Resumed')) {
        setNotice('');
      }
      if (resumed) {
        setNotice(`Resumed your ship (player ${seat.playerId}).`);
      }
    },
    onEnvelope: (envelope) => {
      if (envelope[0] === Kind.Snapshot && game.awaitingSeqSync) {
        // After a Resume the input sequence continues (PROTOCOL.md §5 Input): never reuse a seq the room consumed.
        seq = Math.max(seq, envelope[2]);
        game.awaitingSeqSync = false;
      }
      game.apply(envelope);
    },
  },
});

// Start: resume the stored seat if there is one (same room, same role), else the room the URL names, else public.
const stored = store.load();
const urlRoom = params.get('room');
client.start({
  name,
  roomId: stored?.roomId ?? (urlRoom || null),
  spectate: stored?.spectate ?? params.get('spectate') === '1',
  private: stored?.private ?? false,
});

function startInputLoop(tickRate) {
  if (inputTimer !== null) {
    clearInterval(inputTimer);
  }
  inputTimer = setInterval(sendInputs, 1000 / tickRate);
}

// One call per tick: a Move while a direction is held or when it changed (the server keeps the last direction),
// a Fire while the trigger is held and the gun is ready; then the prediction advances one tick.
function sendInputs() {
  if (game.spectator || !client.inRoom || game.awaitingSeqSync) {
    return;
  }
  let sent = 0;
  const direction = directionOf(keys);
  const moving = direction[0] !== 0 || direction[1] !== 0;
  if (moving || direction[0] !== lastSentDirection[0] || direction[1] !== lastSentDirection[1]) {
    if (client.send([Kind.Input, seq + 1, game.tick, InputTag.Move, direction])) {
      seq += 1;
      sent += 1;
      lastSentDirection = direction;
    }
  }
  const now = performance.now();
  if (keys.fire && now - lastFireAt >= FIRE_COOLDOWN_MS && sent < MAX_INPUTS_PER_TICK) {
    if (client.send([Kind.Input, seq + 1, game.tick, InputTag.Fire, []])) {
      seq += 1;
      sent += 1;
      lastFireAt = now;
    }
    keys.fire = keys.fireHeld === true;
  }
  inputsSent += sent;
  lastInputTickAt = performance.now();
  game.predictor.tick(seq, lastSentDirection);
  client.progress(seq, game.tick);
}

function setNotice(text) {
  notice = text;
  hud.setNotice(text);
}

// Keyboard and mouse. Keys typed into the name or code fields are not game input.
function isTyping(event) {
  const target = event.target;
  if (target?.tagName === 'INPUT') {
    return target.type !== 'checkbox' && target.type !== 'button';
  }
  return target?.tagName === 'TEXTAREA' || target?.tagName === 'SELECT';
}

addEventListener('keydown', (event) => {
  if (isTyping(event)) {
    return;
  }
  if (event.code === 'Space') {
    keys.fire = true;
    keys.fireHeld = true;
    event.preventDefault();
  } else if (KEYS[event.code]) {
    keys[KEYS[event.code]] = true;
    event.preventDefault();
  }
});
addEventListener('keyup', (event) => {
  if (event.code === 'Space') {
    keys.fireHeld = false;
  } else if (KEYS[event.code]) {
    keys[KEYS[event.code]] = false;
  }
});
addEventListener('blur', () => {
  keys.up = keys.down = keys.left = keys.right = keys.fireHeld = false;
});
const canvas = document.getElementById('arena');
canvas.addEventListener('mousedown', (event) => {
  keys.fire = true;
  keys.fireHeld = true;
  canvas.focus();
  event.preventDefault();
});
addEventListener('mouseup', () => {
  keys.fireHeld = false;
});

// Lobby controls.
hud.onPublic(() => client.switchTo({ roomId: null, private: false, spectate: hud.spectate() }));
hud.onPrivate(() => client.switchTo({ roomId: null, private: true, spectate: false }));
hud.onJoinCode((code) => client.switchTo({ roomId: code, private: false, spectate: hud.spectate() }));
// Switching role rejoins the same room (a private one by its code) as a spectator or as a player.
hud.onSpectate((spectate) => client.switchTo({ roomId: client.intent.roomId, private: false, spectate }));
hud.onRename((text) => {
  const next = normaliseName(text);
  if (next === null) {
    return;
  }
  storage?.setItem('arena.name', next);
  client.switchTo({ name: next, roomId: client.intent.roomId });
});
hud.onProtocol((json) => {
  storage?.setItem('arena.protocol', json ? 'json' : 'msgpack');
  client.useSubprotocol(json ? SUBPROTOCOL_JSON : SUBPROTOCOL_MSGPACK);
});
hud.init({ name, json: useJson, spectate: params.get('spectate') === '1' || stored?.spectate === true });

// A reload resumes this seat: keep the latest seq and tick (PROTOCOL.md §6.3).
addEventListener('pagehide', () => client.persist());
document.addEventListener('visibilitychange', () => client.persist());

// Drawing runs on animation frames; state changes arrive with messages, so tests read `window.arena` even when
// the page is not painted.
let lastFrame = performance.now();
let lastHud = 0;
function frame(now) {
  const seconds = (now - lastFrame) / 1000;
  lastFrame = now;
  const waiting = client.inRoom ? '' : client.state === 'stopped' ? 'Disconnected' : 'Connecting…';
  renderer.draw({
    ships: game.drawnShips(seconds, (now - lastInputTickAt) * game.tickRate / 1000),
    ownId: game.playerId,
    nameOf: (id) => game.nameOf(id),
    shots: game.shots,
    now: performance.now(),
    message: waiting || (game.spectator ? '' : game.ships.some((s) => s.id === game.playerId && !s.alive) ? 'Tagged! Respawning…' : ''),
  });
  if (now - lastHud > 200) {
    lastHud = now;
    updateHud();
  }
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);
setInterval(updateHud, 500); // also when animation frames are paused (hidden tab)

function updateHud() {
  hud.update({
    state: client.state,
    rttMs: game.rttMs,
    jitterMs: game.jitterMs,
    snapshotRate: game.snapshotRate(),
    protocol: client.subprotocol,
    roomId: game.roomId,
    private: client.seat?.private === true,
    playerId: game.playerId,
    spectator: game.spectator,
    name: client.intent.name,
    scoreboard: game.scoreboard(),
  });
}

window.arena = {
  get playerId() { return game.playerId; },
  get roomId() { return game.roomId; },
  get ships() { return game.ships.map((ship) => ({ ...ship, name: game.nameOf(ship.id) })); },
  get predicted() { return game.predictor.position; },
  get rtt() { return game.rttMs; },
  get jitter() { return game.jitterMs; },
  get snapshotRate() { return game.snapshotRate(); },
  get state() { return client.state; },
  get protocol() { return client.subprotocol; },
  get spectator() { return game.spectator; },
  get private() { return client.seat?.private === true; },
  get name() { return client.intent.name; },
  get presence() { return [...game.presence.values()]; },
  get notice() { return notice; },
  get tick() { return game.tick; },
  get seq() { return seq; },
  get ackedSeq() { return game.ackedSeq; },
  get inputsSent() { return inputsSent; },
  /** Calls `listener(ships, receivedAtMs)` on every applied snapshot; returns an unsubscribe function. */
  onSnapshot(listener) {
    game.listeners.add(listener);
    return () => game.listeners.delete(listener);
  },
};

function safeSessionStorage() {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}
