// Everything the page knows about the room: seat, ships (authoritative and drawn), presence, latency figures.
// Pure state and message handling, no DOM, so node tests can drive it with envelopes.
import { Kind, PresenceRole, numberOf, readPresence } from '../protocol.js';
import { SnapshotBuffer } from './interpolation.js';
import { Predictor } from './prediction.js';
import { OutputTag, readHit, readWorld } from './world.js';

const RATE_WINDOW_MS = 1000;

export class GameState {
  constructor(now = () => performance.now()) {
    this.now = now;
    this.playerId = null;
    this.roomId = null;
    this.tickRate = 30;
    this.tick = 0;
    this.ackedSeq = 0;
    this.spectator = false;
    this.ships = []; // latest snapshot, authoritative
    this.buffer = new SnapshotBuffer(this.tickRate);
    this.predictor = new Predictor(1 / this.tickRate);
    this.presence = new Map(); // playerId → { playerId, name, role, connected }
    this.rttMs = null;
    this.jitterMs = null;
    this.snapshotTimes = [];
    this.shots = [];
    this.listeners = new Set();
    this.awaitingSeqSync = false;
  }

  /** A new seat (Joined) or the same one again (Resumed). */
  seat(seat, resumed) {
    const sameSeat = resumed && seat.playerId === this.playerId && seat.roomId === this.roomId;
    this.playerId = seat.playerId;
    this.roomId = seat.roomId;
    this.spectator = seat.spectate === true;
    if (seat.tickRate !== this.tickRate || !sameSeat) {
      this.tickRate = seat.tickRate;
      this.buffer = new SnapshotBuffer(this.tickRate);
      this.predictor = new Predictor(1 / this.tickRate);
      this.ships = [];
    }
    if (!resumed) {
      this.presence = new Map();
    }
    // Inputs the old connection sent may or may not have reached the room: the first snapshot's ack decides.
    this.awaitingSeqSync = resumed;
  }

  /** Applies one server envelope (JSON form). */
  apply(envelope) {
    switch (envelope[0]) {
      case Kind.Snapshot:
        this.applySnapshot(envelope[1], envelope[2], envelope[3], envelope[4]);
        break;
      case Kind.Message:
        if (envelope[1] === OutputTag.Hit) {
          this.applyHit(readHit(envelope[2]));
        }
        break;
      case Kind.Latency:
        this.rttMs = numberOf(envelope[1]) / 1000;
        this.jitterMs = numberOf(envelope[2]) / 1000;
        break;
      case Kind.Presence:
        this.applyPresence(readPresence(envelope));
        break;
      default:
        break;
    }
  }

  applySnapshot(tick, ackedSeq, tag, body) {
    if (tag !== OutputTag.WorldSnapshot) {
      return;
    }
    const receivedAt = this.now();
    const ships = readWorld(body);
    if (!this.buffer.push(tick, ships, receivedAt)) {
      return;
    }
    this.tick = tick;
    this.ackedSeq = ackedSeq;
    this.ships = ships;
    this.snapshotTimes.push(receivedAt);
    while (this.snapshotTimes.length > 0 && this.snapshotTimes[0] < receivedAt - RATE_WINDOW_MS) {
      this.snapshotTimes.shift();
    }
    const own = ships.find((ship) => ship.id === this.playerId);
    if (own !== undefined) {
      this.predictor.reconcile(own, ackedSeq);
    }
    for (const listener of this.listeners) {
      listener(ships, receivedAt);
    }
  }

  applyHit(hit) {
    const from = this.ships.find((ship) => ship.id === hit.shooter);
    const to = this.ships.find((ship) => ship.id === hit.target);
    if (from !== undefined && to !== undefined) {
      this.shots.push({ from: { x: from.x, y: from.y }, to: { x: to.x, y: to.y }, at: this.now() });
      this.shots = this.shots.slice(-16);
    }
  }

  applyPresence(presence) {
    if (presence.full) {
      this.presence = new Map();
    }
    for (const entry of presence.upserts) {
      this.presence.set(entry.playerId, entry);
    }
    for (const id of presence.removals) {
      this.presence.delete(id);
    }
  }

  /** Snapshots received during the last second. */
  snapshotRate() {
    const cutoff = this.now() - RATE_WINDOW_MS;
    return this.snapshotTimes.filter((time) => time >= cutoff).length;
  }

  nameOf(playerId) {
    return this.presence.get(playerId)?.name ?? `Player ${playerId}`;
  }

  /** Scoreboard rows, best first: ships with their names, then spectators from presence. */
  scoreboard() {
    const rows = this.ships.map((ship) => ({
      playerId: ship.id,
      name: this.nameOf(ship.id),
      score: ship.score,
      alive: ship.alive,
      connected: this.presence.get(ship.id)?.connected ?? true,
      own: ship.id === this.playerId,
    }));
    rows.sort((a, b) => b.score - a.score || a.playerId - b.playerId);
    const spectators = [...this.presence.values()].filter((entry) => entry.role === PresenceRole.Spectator);
    return { rows, spectators };
  }

  /** Ships to draw now: others interpolated, the own ship predicted. */
  drawnShips(frameSeconds, tickFraction = 1) {
    const now = this.now();
    const ships = this.buffer.sample(now);
    const predicted = this.predictor.drawn(frameSeconds, tickFraction);
    return ships.map((ship) => (ship.id === this.playerId && predicted !== null && ship.alive ? { ...ship, ...predicted } : ship));
  }
}
