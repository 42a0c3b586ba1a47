// The connection to /ws: subprotocol choice, Join/Resume, reconnect with backoff, and the seat kept across reloads.
// Game logic lives elsewhere; this class turns frames into calls on `handlers` and keeps `state` current:
// 'connecting' → 'joining' | 'resuming' → 'joined' | 'resumed' → 'reconnecting' | 'stopped'.
import { CloseCode, Kind, SUBPROTOCOL_JSON, SUBPROTOCOL_MSGPACK, decodeFrame, encodeFrame, joinEnvelope } from '../protocol.js';
import { ABNORMAL_CLOSURE, backoffDelay, closeAction, describeClose } from './policy.js';

export class ArenaClient {
  /**
   * @param {object} options `{ url, roomType, store, subprotocol, handlers, WebSocketImpl?, setTimer?, clearTimer? }`;
   *   handlers: `onState(state)`, `onSeat(seat, resumed)`, `onEnvelope(envelope)`, `onNotice(text)`.
   */
  constructor(options) {
    this.url = options.url;
    this.roomType = options.roomType;
    this.store = options.store;
    this.subprotocol = options.subprotocol ?? SUBPROTOCOL_MSGPACK;
    this.handlers = options.handlers;
    this.WebSocketImpl = options.WebSocketImpl ?? globalThis.WebSocket;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((id) => clearTimeout(id));
    this.intent = { roomId: null, private: false, spectate: false, name: null };
    this.seat = this.store.load(); // { token, roomId, playerId, seq, lastTick, spectate, private }
    this.socket = null;
    this.state = 'idle';
    this.attempt = 0;
    this.timer = null;
    this.inRoom = false;
  }

  /** Opens the connection: resumes the stored seat if there is one, else joins as `intent` says. */
  start(intent) {
    this.intent = { ...this.intent, ...intent };
    this.open();
  }

  /** Leaves the current room (if any) and joins as `intent` says on a fresh connection; the old seat is released. */
  switchTo(intent) {
    this.intent = { ...this.intent, ...intent };
    if (this.socket !== null && this.inRoom && this.socket.readyState === 1) {
      this.socket.send(encodeFrame([Kind.Leave], this.subprotocol));
    }
    this.forgetSeat();
    this.reopen();
  }

  /** Reconnects with another subprotocol and resumes the same seat over it (the debug JSON toggle). */
  useSubprotocol(subprotocol) {
    if (subprotocol === this.subprotocol) {
      return;
    }
    this.subprotocol = subprotocol;
    this.reopen();
  }

  /** Sends one envelope (JSON form) if the connection is in a room; returns whether it went out. */
  send(envelope) {
    if (this.socket === null || this.socket.readyState !== 1 || !this.inRoom) {
      return false;
    }
    this.socket.send(encodeFrame(envelope, this.subprotocol));
    return true;
  }

  /** Records progress that a Resume must carry: the last input seq sent and the newest snapshot tick applied. */
  progress(seq, lastTick) {
    if (this.seat !== null) {
      this.seat.seq = seq;
      this.seat.lastTick = lastTick;
    }
  }

  /** Writes the seat to sessionStorage (called on pagehide, so a reload resumes with the latest seq). */
  persist() {
    if (this.seat !== null) {
      this.store.save(this.seat);
    }
  }

  forgetSeat() {
    this.seat = null;
    this.store.clear();
  }

  reopen() {
    this.detach();
    this.attempt = 0;
    this.open();
  }

  detach() {
    if (this.timer !== null) {
      this.clearTimer(this.timer);
      this.timer = null;
    }
    if (this.socket !== null) {
      const old = this.socket;
      old.onopen = old.onmessage = old.onclose = old.onerror = null;
      this.socket = null;
      if (old.readyState <= 1) {
        old.close(1000, 'switching');
      }
    }
    this.inRoom = false;
  }

  setState(state) {
    this.state = state;
    this.handlers.onState(state);
  }

  open() {
    this.setState(this.state === 'reconnecting' ? 'reconnecting' : 'connecting');
    const socket = new this.WebSocketImpl(this.url, [this.subprotocol]);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.onopen = () => this.onOpen();
    socket.onmessage = (event) => this.onMessage(event.data);
    socket.onclose = (event) => this.onClose(event.code, event.reason);
  }

  onOpen() {
    if (this.seat !== null) {
      this.setState('resuming');
      this.socket.send(encodeFrame([Kind.Resume, this.seat.token, this.seat.lastTick ?? 0], this.subprotocol));
      return;
    }
    this.sendJoin();
  }

  sendJoin() {
    this.setState('joining');
    const options = { name: this.intent.name ?? undefined, spectate: this.intent.spectate || undefined };
    if (this.intent.private && (this.intent.roomId === null || this.intent.roomId === undefined)) {
      // The server creates a private room only for a player (PROTOCOL.md §5.1): a spectator cannot create one.
      options.private = true;
      options.spectate = undefined;
    }
    this.socket.send(encodeFrame(joinEnvelope(this.roomType, this.intent.roomId, options), this.subprotocol));
  }

  onMessage(data) {
    let envelope;
    try {
      envelope = decodeFrame(data);
    } catch (error) {
      this.handlers.onNotice(`Unreadable message from the server: ${error.message}`);
      return;
    }
    switch (envelope[0]) {
      case Kind.Joined:
        this.onSeated({ playerId: envelope[1], roomId: envelope[2], token: envelope[3], tickRate: envelope[4], tick: envelope[5] }, false);
        break;
      case Kind.Resumed:
        this.onSeated({ playerId: envelope[1], roomId: envelope[2], token: envelope[3], tick: envelope[4] }, true);
        break;
      case Kind.Error:
        this.onError(envelope[1], envelope[2]);
        break;
      default:
        break;
    }
    this.handlers.onEnvelope(envelope);
  }

  onSeated(info, resumed) {
    const previous = this.seat;
    this.seat = {
      token: info.token,
      roomId: info.roomId,
      playerId: info.playerId,
      tickRate: info.tickRate ?? previous?.tickRate ?? 30,
      seq: resumed ? (previous?.seq ?? 0) : 0,
      lastTick: info.tick,
      spectate: resumed ? (previous?.spectate ?? false) : this.intent.spectate,
      private: resumed ? (previous?.private ?? false) : this.intent.private,
    };
    this.intent = { ...this.intent, roomId: info.roomId, spectate: this.seat.spectate, private: this.seat.private };
    this.store.save(this.seat);
    this.attempt = 0;
    this.inRoom = true;
    this.handlers.onSeat(this.seat, resumed);
    this.setState(resumed ? 'resumed' : 'joined');
  }

  onError(code, message) {
    if (this.inRoom) {
      this.handlers.onNotice(`Server: ${code} (${message})`);
      return;
    }
    if (code === 'room_not_found' || code === 'room_full' || code === 'room_locked') {
      // A shared code that no longer works, or a full room: say so and play in the public room instead.
      this.handlers.onNotice(`Could not join room ${this.intent.roomId}: ${code.replace(/_/g, ' ')}. Joined the public game instead.`);
      this.intent = { ...this.intent, roomId: null, private: false };
      this.sendJoin();
    } else if (code === 'invalid_options' && this.intent.name !== null) {
      this.handlers.onNotice(`The server refused the name (${message}); playing under a generated one.`);
      this.intent = { ...this.intent, name: null };
      this.sendJoin();
    } else if (code === 'room_busy') {
      this.timer = this.setTimer(() => this.sendJoin(), backoffDelay(this.attempt++));
    } else {
      this.handlers.onNotice(`Join failed: ${code} (${message})`);
    }
  }

  onClose(code, reason) {
    this.socket = null;
    this.inRoom = false;
    const action = closeAction(code, this.seat !== null);
    if (code === CloseCode.ResumeRejected) {
      this.forgetSeat();
    }
    if (action === 'stop') {
      this.setState('stopped');
      this.handlers.onNotice(describeClose(code, reason));
      return;
    }
    if (action === 'rejoin') {
      this.forgetSeat();
    }
    if (code !== ABNORMAL_CLOSURE) {
      this.handlers.onNotice(describeClose(code, reason));
    }
    this.setState('reconnecting');
    // A seat rejected on resume is rejoined at once; other drops back off (PROTOCOL.md §6.3).
    const delay = code === CloseCode.ResumeRejected ? 0 : backoffDelay(this.attempt++);
    this.timer = this.setTimer(() => {
      this.timer = null;
      this.open();
    }, delay);
  }
}
