// Interpolation of the other ships between the two latest snapshots.
//
// Remote ships are drawn one snapshot interval in the past: when snapshot N arrives the view starts at N − 1 and
// glides to N over the interval the two snapshots are apart (in ticks, so skipped snapshots stretch the glide).
// This trades one interval of delay for motion without jumps between 30 Hz updates.

/** A jump longer than this (world units) between two snapshots is a respawn, not motion: no glide. */
const TELEPORT_DISTANCE = 20;

export class SnapshotBuffer {
  /** @param {number} tickRate the room's ticks per second */
  constructor(tickRate) {
    this.tickRate = tickRate;
    this.previous = null; // { tick, receivedAt, ships: Map<id, ship> }
    this.latest = null;
  }

  /** Adds a snapshot received at `receivedAt` (ms); an older or repeated tick is ignored. */
  push(tick, ships, receivedAt) {
    if (this.latest !== null && tick <= this.latest.tick) {
      return false;
    }
    this.previous = this.latest;
    this.latest = { tick, receivedAt, ships: new Map(ships.map((ship) => [ship.id, ship])) };
    return true;
  }

  /** The ships to draw at time `now` (ms), each `{ ...latestShip, x, y }` with interpolated x and y. */
  sample(now) {
    if (this.latest === null) {
      return [];
    }
    if (this.previous === null) {
      return [...this.latest.ships.values()];
    }
    const intervalMs = ((this.latest.tick - this.previous.tick) * 1000) / this.tickRate;
    const alpha = interpolationAlpha(now - this.latest.receivedAt, intervalMs);
    const result = [];
    for (const ship of this.latest.ships.values()) {
      const before = this.previous.ships.get(ship.id);
      result.push(before === undefined ? { ...ship } : { ...ship, ...lerpShip(before, ship, alpha) });
    }
    return result;
  }
}

/** How far (0–1) the view is from the previous snapshot to the latest, `elapsedMs` after the latest arrived. */
export function interpolationAlpha(elapsedMs, intervalMs) {
  if (!(intervalMs > 0)) {
    return 1;
  }
  return Math.min(1, Math.max(0, elapsedMs / intervalMs));
}

/** Linear interpolation of position and facing; a teleport or a (re)spawn shows the latest state at once. */
export function lerpShip(from, to, alpha) {
  if (!from.alive || !to.alive || Math.hypot(to.x - from.x, to.y - from.y) > TELEPORT_DISTANCE) {
    return { x: to.x, y: to.y, facingX: to.facingX, facingY: to.facingY };
  }
  return {
    x: from.x + (to.x - from.x) * alpha,
    y: from.y + (to.y - from.y) * alpha,
    facingX: from.facingX + (to.facingX - from.facingX) * alpha,
    facingY: from.facingY + (to.facingY - from.facingY) * alpha,
  };
}
