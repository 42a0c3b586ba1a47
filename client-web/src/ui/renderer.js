// Draws the arena on a canvas: a grid, every ship (own ship highlighted, names above), shots as fading lines.
import { GUN_RANGE, SHIP_RADIUS, WORLD_SIZE } from '../game/world.js';

const SHOT_LIFETIME_MS = 250;
const PALETTE = ['#ff6b6b', '#4ecdc4', '#ffd166', '#a29bfe', '#f78fb3', '#7bed9f', '#70a1ff', '#eccc68'];

export function colourOf(playerId) {
  return PALETTE[Math.abs(playerId) % PALETTE.length];
}

export class Renderer {
  constructor(canvas) {
    this.canvas = canvas;
    this.context = canvas.getContext('2d');
  }

  /** @param {object} frame `{ ships, ownId, nameOf(id), shots: [{ from, to, at }], now, message }` */
  draw(frame) {
    const { canvas, context } = this;
    const size = Math.min(canvas.clientWidth || canvas.width, canvas.clientHeight || canvas.height) || canvas.width;
    const ratio = globalThis.devicePixelRatio || 1;
    if (canvas.width !== Math.round(size * ratio)) {
      canvas.width = canvas.height = Math.round(size * ratio);
    }
    const scale = canvas.width / WORLD_SIZE;
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.fillStyle = '#0d1321';
    context.fillRect(0, 0, canvas.width, canvas.height);
    this.drawGrid(scale);
    for (const shot of frame.shots) {
      this.drawShot(shot, frame.now, scale);
    }
    for (const ship of frame.ships) {
      this.drawShip(ship, ship.id === frame.ownId, frame.nameOf(ship.id), scale, ratio);
    }
    if (frame.message) {
      context.fillStyle = 'rgba(255,255,255,0.85)';
      context.font = `${16 * ratio}px system-ui, sans-serif`;
      context.textAlign = 'center';
      context.fillText(frame.message, canvas.width / 2, canvas.height / 2);
    }
  }

  drawGrid(scale) {
    const { context } = this;
    context.strokeStyle = 'rgba(255,255,255,0.06)';
    context.lineWidth = 1;
    for (let v = 0; v <= WORLD_SIZE; v += 10) {
      context.beginPath();
      context.moveTo(v * scale, 0);
      context.lineTo(v * scale, WORLD_SIZE * scale);
      context.moveTo(0, v * scale);
      context.lineTo(WORLD_SIZE * scale, v * scale);
      context.stroke();
    }
  }

  drawShip(ship, own, name, scale, ratio) {
    const { context } = this;
    const x = ship.x * scale;
    const y = ship.y * scale;
    const r = SHIP_RADIUS * scale;
    context.globalAlpha = ship.alive ? 1 : 0.25;
    if (own) {
      context.strokeStyle = '#ffffff';
      context.lineWidth = 2 * ratio;
      context.beginPath();
      context.arc(x, y, r + 4 * ratio, 0, Math.PI * 2);
      context.stroke();
      if (ship.alive) {
        context.strokeStyle = 'rgba(255,255,255,0.08)';
        context.beginPath();
        context.moveTo(x, y);
        context.lineTo(x + ship.facingX * GUN_RANGE * scale, y + ship.facingY * GUN_RANGE * scale);
        context.stroke();
      }
    }
    const angle = Math.atan2(ship.facingY, ship.facingX);
    context.fillStyle = colourOf(ship.id);
    context.beginPath();
    context.moveTo(x + Math.cos(angle) * r * 1.4, y + Math.sin(angle) * r * 1.4);
    context.lineTo(x + Math.cos(angle + 2.5) * r, y + Math.sin(angle + 2.5) * r);
    context.lineTo(x + Math.cos(angle - 2.5) * r, y + Math.sin(angle - 2.5) * r);
    context.closePath();
    context.fill();
    context.fillStyle = '#e8eaf0';
    context.font = `${12 * ratio}px system-ui, sans-serif`;
    context.textAlign = 'center';
    // Keep the label inside the canvas when the ship hugs a wall.
    const half = context.measureText(name).width / 2 + 2;
    const labelX = Math.min(this.canvas.width - half, Math.max(half, x));
    const labelY = y - r - 8 * ratio < 12 * ratio ? y + r + 16 * ratio : y - r - 8 * ratio;
    context.fillText(name, labelX, labelY);
    context.globalAlpha = 1;
  }

  drawShot(shot, now, scale) {
    const age = now - shot.at;
    if (age > SHOT_LIFETIME_MS) {
      return;
    }
    const { context } = this;
    context.strokeStyle = `rgba(255,230,120,${1 - age / SHOT_LIFETIME_MS})`;
    context.lineWidth = 3;
    context.beginPath();
    context.moveTo(shot.from.x * scale, shot.from.y * scale);
    context.lineTo(shot.to.x * scale, shot.to.y * scale);
    context.stroke();
  }
}
