// What the client does after its WebSocket closes (PROTOCOL.md §8, §6.3), and how long it waits first.
import { CloseCode } from '../protocol.js';

/** No close frame at all (RFC 6455 §7.1.5 "abnormal closure"): the network dropped, and the seat is held. */
export const ABNORMAL_CLOSURE = 1006;

/**
 * The next step after a close: 'resume' (the seat is held: reconnect and Resume with the token), 'rejoin'
 * (reconnect and Join again), or 'stop' (reconnecting would not help; tell the player).
 */
export function closeAction(code, hasToken) {
  switch (code) {
    case ABNORMAL_CLOSURE:
    case CloseCode.SlowConsumer:
      return hasToken ? 'resume' : 'rejoin';
    case CloseCode.GoingAway:
    case CloseCode.ServerShutdown:
    case CloseCode.RoomClosed:
    case CloseCode.ResumeRejected:
    case CloseCode.InternalServerError:
    case CloseCode.RateLimited:
      return 'rejoin';
    default:
      return 'stop';
  }
}

/** Reconnect delay for the given attempt (0-based): 250 ms doubling to 4 s, with ±25 % jitter (PROTOCOL.md §6.3). */
export function backoffDelay(attempt, random = Math.random) {
  const base = Math.min(4000, 250 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.75 + random() * 0.5));
}

/** A human sentence for a close the player should know about. */
export function describeClose(code, reason) {
  switch (code) {
    case CloseCode.ResumeRejected:
      return 'Your seat expired while you were away, so you joined again as a new ship.';
    case CloseCode.SeatTakenOver:
      return 'This seat was resumed in another tab; this tab stopped.';
    case CloseCode.Kicked:
      return 'You were removed from the room.';
    case CloseCode.RoomClosed:
      return 'The room closed; joining another one.';
    case CloseCode.ServerShutdown:
    case CloseCode.GoingAway:
      return 'The server is restarting; reconnecting.';
    case CloseCode.ProtocolViolation:
      return `The server rejected a message: ${reason || 'protocol error'}.`;
    case CloseCode.RateLimited:
      return 'Too many messages; backing off.';
    default:
      return `Disconnected (${code}${reason ? `: ${reason}` : ''}).`;
  }
}
