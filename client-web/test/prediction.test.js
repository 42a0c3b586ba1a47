// Client-side prediction and reconciliation (PROTOCOL.md §6.2) against the arena's movement rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Predictor } from '../src/game/prediction.js';
import { SPEED, WORLD_SIZE, directionOf, step } from '../src/game/world.js';

const dt = 1 / 30;
const perTick = SPEED * dt;

function close(actual, expected, message) {
  assert.ok(Math.abs(actual - expected) < 1e-9, `${message ?? ''} expected ${expected}, got ${actual}`);
}

test('step moves at 20 units/s along the normalised direction and clamps to the world', () => {
  close(step({ x: 50, y: 50 }, [1, 0], dt).x, 50 + perTick);
  const diagonal = step({ x: 50, y: 50 }, [1, 1], dt);
  close(diagonal.x, 50 + perTick / Math.SQRT2);
  close(diagonal.y, 50 + perTick / Math.SQRT2);
  assert.deepEqual(step({ x: 0.1, y: 99.9 }, [-1, 1], 1), { x: 0, y: WORLD_SIZE });
  assert.deepEqual(step({ x: 3, y: 4 }, [0, 0], dt), { x: 3, y: 4 });
});

test('directionOf maps held keys to a Move vector with screen-down as +y', () => {
  assert.deepEqual(directionOf({ up: true }), [0, -1]);
  assert.deepEqual(directionOf({ right: true, down: true }), [1, 1]);
  assert.deepEqual(directionOf({ left: true, right: true }), [0, 0]);
});

test('reconcile_FirstSnapshot_TakesTheAuthoritativePosition', () => {
  const predictor = new Predictor(dt);
  predictor.tick(1, [1, 0]); // ignored: nothing to predict from yet
  assert.equal(predictor.reconcile({ x: 10, y: 20, alive: true }, 0), 0);
  assert.deepEqual(predictor.position, { x: 10, y: 20 });
  assert.deepEqual(predictor.pending, []);
});

test('tick_AdvancesLocallyBeforeTheServerAnswers', () => {
  const predictor = new Predictor(dt);
  predictor.reconcile({ x: 10, y: 10, alive: true }, 0);
  predictor.tick(1, [1, 0]);
  predictor.tick(2, [1, 0]);
  close(predictor.position.x, 10 + 2 * perTick);
  assert.equal(predictor.pending.length, 2);
});

test('reconcile_AckedInputs_DropsThemAndReplaysTheRest', () => {
  const predictor = new Predictor(dt);
  predictor.reconcile({ x: 10, y: 10, alive: true }, 0);
  for (let seq = 1; seq <= 5; seq++) {
    predictor.tick(seq, [1, 0]);
  }
  // The server consumed inputs 1–2: its position includes two ticks; three are replayed on top.
  const error = predictor.reconcile({ x: 10 + 2 * perTick, y: 10, alive: true }, 2);
  assert.deepEqual(predictor.pending.map((entry) => entry.seq), [3, 4, 5]);
  close(predictor.position.x, 10 + 5 * perTick);
  close(error, 0, 'a correct prediction needs no correction');
});

test('reconcile_ServerDisagrees_ReplaysFromTheServerStateAndSmoothsTheDifference', () => {
  const predictor = new Predictor(dt);
  predictor.reconcile({ x: 10, y: 10, alive: true }, 0);
  predictor.tick(1, [1, 0]);
  predictor.tick(2, [0, 1]);
  // The server says input 1 was blocked (e.g. a wall we do not model): x stayed at 10.
  const error = predictor.reconcile({ x: 10, y: 10, alive: true }, 1);
  close(predictor.position.x, 10);
  close(predictor.position.y, 10 + perTick);
  close(error, perTick);
  // Drawn position starts at the old prediction and converges to the new one.
  const first = predictor.drawn(0);
  close(first.x, 10 + perTick);
  const later = predictor.drawn(1);
  assert.ok(Math.abs(later.x - 10) < 0.01, `correction decays, got ${later.x}`);
});

test('reconcile_DirectionPersistsOnTheServer_IdleTicksReplayAsNoMovement', () => {
  const predictor = new Predictor(dt);
  predictor.reconcile({ x: 50, y: 50, alive: true }, 0);
  predictor.tick(1, [1, 0]);
  predictor.tick(2, [0, 0]); // stop
  predictor.tick(2, [0, 0]); // idle tick: nothing new sent
  const error = predictor.reconcile({ x: 50 + perTick, y: 50, alive: true }, 1);
  close(predictor.position.x, 50 + perTick);
  close(error, 0);
  predictor.reconcile({ x: 50 + perTick, y: 50, alive: true }, 2);
  assert.deepEqual(predictor.pending, []);
});

test('reconcile_OwnShipTagged_StopsPredictingUntilRespawn', () => {
  const predictor = new Predictor(dt);
  predictor.reconcile({ x: 50, y: 50, alive: true }, 0);
  predictor.tick(1, [1, 0]);
  predictor.reconcile({ x: 50, y: 50, alive: false }, 0);
  assert.deepEqual(predictor.pending, []);
  predictor.tick(2, [1, 0]);
  assert.deepEqual(predictor.position, { x: 50, y: 50 }, 'a dead ship does not move');
  // Respawn far away: shown at once, no glide across the map.
  predictor.reconcile({ x: 5, y: 5, alive: true }, 2);
  assert.deepEqual(predictor.drawn(0), { x: 5, y: 5 });
});

test('reconcile_ManyRoundTrips_PredictionMatchesAnExactServer', () => {
  // A server that consumes each input in the tick after it arrives, three ticks of latency.
  const predictor = new Predictor(dt);
  let server = { x: 20, y: 80 };
  predictor.reconcile({ ...server, alive: true }, 0);
  const sent = [];
  const directions = [[1, 0], [1, 0], [1, -1], [0, -1], [-1, 0], [0, 0], [0, 1]];
  for (let tick = 1; tick <= 40; tick++) {
    const direction = directions[tick % directions.length];
    sent.push({ seq: tick, direction });
    predictor.tick(tick, direction);
    const consumed = tick - 3;
    if (consumed >= 1) {
      server = step(server, sent[consumed - 1].direction, dt);
      const error = predictor.reconcile({ ...server, alive: true }, consumed);
      assert.ok(error < 1e-9, `tick ${tick}: prediction error ${error}`);
    }
  }
});

test('drawn_BetweenTwoLocalTicks_GlidesFromThePreviousTickToTheLatest', () => {
  const predictor = new Predictor(dt);
  predictor.reconcile({ x: 10, y: 10, alive: true }, 0);
  predictor.tick(1, [1, 0]);
  close(predictor.drawn(0, 0).x, 10);
  close(predictor.drawn(0, 0.5).x, 10 + perTick / 2);
  close(predictor.drawn(0, 1).x, 10 + perTick);
  close(predictor.drawn(0, 7).x, 10 + perTick, 'never past the latest tick');
});

test('drawn_ReconcileMidTick_StaysContinuous', () => {
  const predictor = new Predictor(dt);
  predictor.reconcile({ x: 10, y: 10, alive: true }, 0);
  predictor.tick(1, [1, 0]);
  const before = predictor.drawn(0, 0.5);
  // The server disagrees by a little: the drawn position does not jump at that instant.
  predictor.reconcile({ x: 10.2, y: 10, alive: true }, 0);
  const after = predictor.drawn(0, 0.5);
  close(after.x, before.x);
  close(after.y, before.y);
});
