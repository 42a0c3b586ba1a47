// The sample `arena` room's rules as the client needs them (src/ArenaServer.Samples.Arena/ArenaRoom.cs is the
// authority; these mirror it for prediction and drawing only).
import { numberOf } from '../protocol.js';

export const ROOM_TYPE = 'arena';
export const WORLD_SIZE = 100;
export const SPEED = 20;
export const SHIP_RADIUS = 3;
export const GUN_RANGE = 40;
export const FIRE_COOLDOWN_MS = 500;

/** Input tags of the arena's input message set. */
export const InputTag = Object.freeze({ Move: 1, Fire: 2 });

/** Output tags of the arena's output message set. */
export const OutputTag = Object.freeze({ WorldSnapshot: 1, Hit: 2 });

/** Reads a WorldSnapshot body `[[ship, …]]`, ship = `[playerId, x, y, facingX, facingY, score, alive]`. */
export function readWorld(body) {
  if (!Array.isArray(body) || !Array.isArray(body[0])) {
    throw new TypeError('not a WorldSnapshot body');
  }
  return body[0].map((ship) => ({
    id: ship[0],
    x: numberOf(ship[1]),
    y: numberOf(ship[2]),
    facingX: numberOf(ship[3]),
    facingY: numberOf(ship[4]),
    score: ship[5],
    alive: ship[6] === true,
  }));
}

/** Reads a Hit body `[shooter, target]`. */
export function readHit(body) {
  return { shooter: body[0], target: body[1] };
}

/** The Move direction for the keys held: each axis −1, 0 or 1 (screen y grows downwards, as world y does). */
export function directionOf(keys) {
  const x = (keys.right ? 1 : 0) - (keys.left ? 1 : 0);
  const y = (keys.down ? 1 : 0) - (keys.up ? 1 : 0);
  return [x, y];
}

/** One tick of the server's movement rule: the normalised direction times speed, clamped to the world. */
export function step(position, direction, dt) {
  const [dx, dy] = direction;
  const length = Math.hypot(dx, dy);
  if (length === 0) {
    return { x: position.x, y: position.y };
  }
  return {
    x: clamp(position.x + (dx / length) * SPEED * dt, 0, WORLD_SIZE),
    y: clamp(position.y + (dy / length) * SPEED * dt, 0, WORLD_SIZE),
  };
}

function clamp(value, min, max) {
  return Math.min(max, Math.max(min, value));
}
