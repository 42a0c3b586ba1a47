// Client-side prediction of the own ship with reconciliation (PROTOCOL.md §6.2).
//
// The client runs the movement rule locally once per tick it sends inputs for, and remembers each such tick with
// the direction it used and the highest input seq sent so far. A Snapshot says which seq the server has consumed
// (ackedInputSeq): ticks up to it are already inside the snapshot's position, so they are dropped, and the rest are
// replayed on top of the authoritative position. The difference between the old and the new prediction is not
// shown as a jump: it becomes a correction offset that decays over a few frames.
import { step } from './world.js';

/** How fast a reconciliation error fades from the drawn position: the fraction left after one second. */
const CORRECTION_LEFT_AFTER_ONE_SECOND = 0.0001;

/** A correction larger than this (world units) is a teleport (respawn, first snapshot) and is shown at once. */
const SNAP_DISTANCE = 15;

export class Predictor {
  /** @param {number} dt seconds per tick (1 / tickRate) */
  constructor(dt) {
    this.dt = dt;
    this.pending = []; // { seq, direction } per locally simulated tick, oldest first
    this.position = null; // predicted position, null until the first snapshot with the own ship
    this.previous = null; // the position one local tick earlier, to glide between ticks
    this.correction = { x: 0, y: 0 };
    this.alive = false;
  }

  /** Advances the prediction by one tick in which inputs up to `seq` were sent and `direction` is in force. */
  tick(seq, direction) {
    if (this.position === null || !this.alive) {
      return;
    }
    this.pending.push({ seq, direction: [direction[0], direction[1]] });
    this.previous = this.position;
    this.position = step(this.position, direction, this.dt);
  }

  /**
   * Reconciles with an authoritative state `{ x, y, alive }` that includes every input up to `ackedSeq`.
   * Returns the correction (world units) between the previous prediction and the reconciled one.
   */
  reconcile(state, ackedSeq) {
    this.pending = this.pending.filter((entry) => entry.seq > ackedSeq);
    const before = this.position;
    this.alive = state.alive;
    let position = { x: state.x, y: state.y };
    if (state.alive) {
      for (const entry of this.pending) {
        position = step(position, entry.direction, this.dt);
      }
    } else {
      this.pending = [];
    }
    this.position = position;
    if (before === null) {
      this.previous = null;
      return 0;
    }
    const dx = before.x - position.x;
    const dy = before.y - position.y;
    if (this.previous !== null) {
      // Keep the in-tick glide continuous: the correction offset below absorbs the jump.
      this.previous = { x: this.previous.x - dx, y: this.previous.y - dy };
    }
    const error = Math.hypot(dx, dy);
    if (error > SNAP_DISTANCE || !state.alive) {
      this.correction = { x: 0, y: 0 };
    } else {
      this.correction = { x: this.correction.x + dx, y: this.correction.y + dy };
    }
    return error;
  }

  /** Forgets everything (a new seat: join, or a resume whose inputs the server never saw). */
  reset() {
    this.pending = [];
    this.position = null;
    this.previous = null;
    this.correction = { x: 0, y: 0 };
    this.alive = false;
  }

  /**
   * The position to draw: `tickFraction` (0–1) of the way from the previous local tick to the latest one, so the
   * ship glides at display rate rather than stepping at the tick rate, plus the correction, which decays over
   * `elapsedSeconds` of frame time.
   */
  drawn(elapsedSeconds, tickFraction = 1) {
    if (this.position === null) {
      return null;
    }
    const keep = Math.pow(CORRECTION_LEFT_AFTER_ONE_SECOND, Math.max(0, elapsedSeconds));
    this.correction = { x: this.correction.x * keep, y: this.correction.y * keep };
    const alpha = Math.min(1, Math.max(0, tickFraction));
    const from = this.previous ?? this.position;
    return {
      x: from.x + (this.position.x - from.x) * alpha + this.correction.x,
      y: from.y + (this.position.y - from.y) * alpha + this.correction.y,
    };
  }
}
