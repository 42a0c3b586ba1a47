// The DOM around the canvas: lobby controls, HUD figures (RTT, jitter, snapshot rate, connection state) and the
// scoreboard. Text only goes through textContent, so names from other players cannot inject markup.
import { colourOf } from './renderer.js';

const STATE_LABELS = {
  idle: 'idle',
  connecting: 'connecting',
  joining: 'joining',
  resuming: 'resuming',
  joined: 'connected',
  resumed: 'connected (resumed)',
  reconnecting: 'reconnecting',
  stopped: 'disconnected',
};

export class Hud {
  constructor(doc) {
    this.doc = doc;
    this.el = (id) => doc.getElementById(id);
  }

  init({ name, json, spectate }) {
    this.el('name').value = name;
    this.el('json').checked = json;
    this.el('spectate').checked = spectate;
  }

  spectate() {
    return this.el('spectate').checked;
  }

  onPublic(handler) {
    this.onButton('play-public', handler);
  }

  onPrivate(handler) {
    this.onButton('play-private', handler);
  }

  // A clicked button keeps the focus, and Space would click it again: hand the keyboard back to the game.
  onButton(id, handler) {
    this.el(id).addEventListener('click', (event) => {
      event.currentTarget.blur();
      handler();
    });
  }

  onJoinCode(handler) {
    const submit = () => {
      const code = this.el('code').value.trim();
      if (code.length > 0) {
        handler(code);
      }
    };
    this.el('join-code').addEventListener('click', submit);
    this.el('code').addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        submit();
      }
    });
  }

  onRename(handler) {
    this.el('rename').addEventListener('click', () => handler(this.el('name').value));
    this.el('name').addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        handler(this.el('name').value);
      }
    });
  }

  onSpectate(handler) {
    this.el('spectate').addEventListener('change', (event) => {
      event.target.blur();
      handler(event.target.checked);
    });
  }

  onProtocol(handler) {
    this.el('json').addEventListener('change', (event) => {
      event.target.blur(); // give the keyboard back to the game
      handler(event.target.checked);
    });
  }

  setState(state) {
    const indicator = this.el('state');
    indicator.textContent = STATE_LABELS[state] ?? state;
    indicator.dataset.state = state;
  }

  setNotice(text) {
    const notice = this.el('notice');
    notice.textContent = text;
    notice.hidden = text.length === 0;
  }

  update(view) {
    this.setState(view.state);
    this.el('rtt').textContent = view.rttMs === null ? '–' : `${view.rttMs.toFixed(1)} ms`;
    this.el('jitter').textContent = view.jitterMs === null ? '–' : `${view.jitterMs.toFixed(1)} ms`;
    this.el('rate').textContent = `${view.snapshotRate}/s`;
    this.el('protocol').textContent = view.protocol;
    this.el('room').textContent = view.roomId === null ? '–' : `${view.roomId}${view.private ? ' (private: share this code)' : ''}`;
    this.el('player').textContent = view.playerId === null ? '–' : `${view.playerId}${view.spectator ? ' (spectating)' : ''}`;
    this.renderScoreboard(view.scoreboard);
  }

  renderScoreboard({ rows, spectators }) {
    const body = this.el('scores');
    const lines = rows.map((row) => {
      const tr = this.doc.createElement('tr');
      tr.className = row.own ? 'own' : '';
      if (!row.connected) {
        tr.classList.add('away');
      }
      const swatch = this.doc.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = colourOf(row.playerId);
      const nameCell = this.doc.createElement('td');
      nameCell.append(swatch, ` ${row.name}${row.connected ? '' : ' (away)'}`);
      const scoreCell = this.doc.createElement('td');
      scoreCell.textContent = String(row.score);
      tr.append(nameCell, scoreCell);
      return tr;
    });
    body.replaceChildren(...lines);
    this.el('spectators').textContent = spectators.length === 0 ? '' : `Watching: ${spectators.map((s) => s.name).join(', ')}`;
  }
}
