// Interpolation of remote ships between the two latest snapshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SnapshotBuffer, interpolationAlpha, lerpShip } from '../src/game/interpolation.js';

const ship = (id, x, y, alive = true) => ({ id, x, y, facingX: 1, facingY: 0, score: 0, alive });

test('interpolationAlpha is the elapsed share of the snapshot interval, clamped to 0–1', () => {
  assert.equal(interpolationAlpha(0, 100), 0);
  assert.equal(interpolationAlpha(50, 100), 0.5);
  assert.equal(interpolationAlpha(250, 100), 1);
  assert.equal(interpolationAlpha(-5, 100), 0);
  assert.equal(interpolationAlpha(10, 0), 1);
});

test('lerpShip glides position and facing, and jumps on teleports and respawns', () => {
  const from = ship(1, 10, 10);
  const to = { ...ship(1, 14, 6), facingX: 0, facingY: -1 };
  assert.deepEqual(lerpShip(from, to, 0.25), { x: 11, y: 9, facingX: 0.75, facingY: -0.25 });
  assert.deepEqual(lerpShip(from, ship(1, 90, 90), 0.5), { x: 90, y: 90, facingX: 1, facingY: 0 });
  assert.deepEqual(lerpShip(ship(1, 10, 10, false), ship(1, 12, 10), 0.5).x, 12);
});

test('sample_OneSnapshot_ShowsItAsIs', () => {
  const buffer = new SnapshotBuffer(30);
  buffer.push(100, [ship(1, 10, 10)], 1000);
  assert.deepEqual(buffer.sample(1010).map((s) => [s.id, s.x, s.y]), [[1, 10, 10]]);
});

test('sample_TwoSnapshots_StartsAtThePreviousAndReachesTheLatestAfterOneInterval', () => {
  const buffer = new SnapshotBuffer(30);
  buffer.push(100, [ship(1, 10, 10), ship(2, 50, 50)], 1000);
  buffer.push(101, [ship(1, 12, 10), ship(2, 50, 48)], 1033);
  const interval = 1000 / 30;
  assert.deepEqual(buffer.sample(1033).map((s) => [s.x, s.y]), [[10, 10], [50, 50]]);
  const half = buffer.sample(1033 + interval / 2);
  assert.ok(Math.abs(half[0].x - 11) < 1e-9 && Math.abs(half[1].y - 49) < 1e-9);
  assert.deepEqual(buffer.sample(1033 + interval * 3).map((s) => [s.x, s.y]), [[12, 10], [50, 48]]);
});

test('sample_SkippedTicks_StretchTheGlideOverTheRealInterval', () => {
  const buffer = new SnapshotBuffer(30);
  buffer.push(100, [ship(1, 0, 0)], 0);
  buffer.push(103, [ship(1, 3, 0)], 100); // three ticks apart: 100 ms
  assert.ok(Math.abs(buffer.sample(150)[0].x - 1.5) < 1e-9);
});

test('sample_NewShip_AppearsAtItsLatestPosition_AndLeftShipsDisappear', () => {
  const buffer = new SnapshotBuffer(30);
  buffer.push(1, [ship(1, 10, 10), ship(2, 20, 20)], 0);
  buffer.push(2, [ship(1, 11, 10), ship(3, 70, 70)], 33);
  const ids = buffer.sample(33).map((s) => [s.id, s.x]);
  assert.deepEqual(ids, [[1, 10], [3, 70]]);
});

test('push_OlderOrRepeatedTick_IsIgnored', () => {
  const buffer = new SnapshotBuffer(30);
  assert.equal(buffer.push(5, [ship(1, 5, 5)], 0), true);
  assert.equal(buffer.push(5, [ship(1, 9, 9)], 10), false);
  assert.equal(buffer.push(4, [ship(1, 9, 9)], 20), false);
  assert.equal(buffer.latest.tick, 5);
  assert.equal(buffer.previous, null);
});
