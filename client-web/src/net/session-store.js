// The seat this tab holds, kept in sessionStorage (one per tab, survives a reload): the resume token, the room, the
// last input seq (the server expects seqs to keep increasing across a Resume) and the last snapshot tick.

const KEY = 'arena.session';

export class SessionStore {
  /** @param {Storage | null} storage sessionStorage, or null where there is none */
  constructor(storage) {
    this.storage = storage;
  }

  /** The stored seat `{ token, roomId, playerId, seq, lastTick, spectate }`, or null. */
  load() {
    try {
      const text = this.storage?.getItem(KEY);
      const value = text ? JSON.parse(text) : null;
      return value && value.token !== undefined && value.token !== null ? value : null;
    } catch {
      return null;
    }
  }

  save(seat) {
    try {
      this.storage?.setItem(KEY, JSON.stringify(seat));
    } catch {
      // Storage full or disabled: the seat just cannot survive a reload.
    }
  }

  clear() {
    try {
      this.storage?.removeItem(KEY);
    } catch {
      // As above.
    }
  }
}
