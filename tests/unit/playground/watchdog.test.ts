// The page's watchdog over a runtime request (sandbox/watchdog.ts), on a fake clock: a stuck
// worker is stopped, a busy page is not mistaken for one, and the time limit counts only time
// the page could observe.
import { describe, expect, it } from 'vitest';
import {
  CHECK_INTERVAL_MS,
  DEFAULT_TIME_LIMIT_MS,
  IMPORT_TIME_LIMIT_MS,
  STUCK_AFTER_MS,
  Watchdog,
  policyFor,
  stopMessage,
  type Verdict,
} from '../../../src/playground/sandbox/watchdog.ts';

/** Drives a watchdog: checks every interval, a heartbeat every `beatEvery` ms (none when null). */
function drive(watchdog: Watchdog, from: number, until: number, beatEvery: number | null): { now: number; verdict: Verdict | undefined } {
  let now = from;
  while (now < until) {
    now += CHECK_INTERVAL_MS;
    if (beatEvery !== null && now % beatEvery === 0) watchdog.sign(now);
    const verdict = watchdog.check(now);
    if (verdict) return { now, verdict };
  }
  return { now, verdict: undefined };
}

describe('the watchdog', () => {
  it('stops a worker that sends nothing, about 1.5 s after its last sign', () => {
    const watchdog = new Watchdog(policyFor('run'), 0);
    const { now, verdict } = drive(watchdog, 0, 5_000, null);
    expect(verdict).toEqual({ kind: 'stuck', wallMs: now });
    expect(now).toBe(STUCK_AFTER_MS + CHECK_INTERVAL_MS);
  });

  it('lets a worker with heartbeats run to the time limit, then says so', () => {
    const watchdog = new Watchdog(policyFor('run'), 0);
    const { now, verdict } = drive(watchdog, 0, 20_000, 100);
    expect(verdict).toEqual({ kind: 'time-limit', limitMs: DEFAULT_TIME_LIMIT_MS, wallMs: now });
    expect(now).toBe(DEFAULT_TIME_LIMIT_MS + CHECK_INTERVAL_MS);
    expect(stopMessage(verdict!, 'run')).toMatch(/^Stopped: still running after 10 s, the playground's time limit/);
  });

  it('a page that was busy for a minute does not blame the worker: its queued heartbeats count at the next check', () => {
    const watchdog = new Watchdog(policyFor('run'), 0);
    expect(drive(watchdog, 0, 1_000, 100).verdict).toBeUndefined();
    // The page's thread is held for 60 s; the worker's heartbeats wait in the queue.
    expect(watchdog.check(61_000)).toBeUndefined();
    // They are handled before the next check.
    watchdog.sign(61_010);
    expect(watchdog.check(61_100)).toBeUndefined();
    // The run goes on: its time limit counts the stall as one interval, not 60 s (1.1 s so far, then 8.9 s more).
    const { now, verdict } = drive(watchdog, 61_100, 80_000, 100);
    expect(verdict?.kind).toBe('time-limit');
    expect(now).toBe(70_000);
  });

  it('a stuck worker is still stopped after a stall of the page, at the first punctual check', () => {
    const watchdog = new Watchdog(policyFor('run'), 0);
    expect(drive(watchdog, 0, 500, 100).verdict).toBeUndefined();
    expect(watchdog.check(5_000)).toBeUndefined();
    expect(watchdog.check(5_100)).toEqual({ kind: 'stuck', wallMs: 5_100 });
  });

  it('a page that keeps stalling still stops a runaway request by the time limit', () => {
    const watchdog = new Watchdog(policyFor('run'), 0);
    let verdict: Verdict | undefined;
    let now = 0;
    for (let check = 0; check < 200 && !verdict; check++) verdict = watchdog.check((now += 1_000));
    expect(verdict?.kind).toBe('time-limit');
    expect(now).toBeLessThanOrEqual((DEFAULT_TIME_LIMIT_MS / CHECK_INTERVAL_MS) * 1_000 + 1_000);
  });

  it('in a hidden tab (timers throttled, messages not) late checks are not stalls', () => {
    const watchdog = new Watchdog(policyFor('run'), 0);
    expect(watchdog.check(1_000, true)).toBeUndefined();
    expect(watchdog.check(2_000, true)).toEqual({ kind: 'stuck', wallMs: 2_000 });
    const alive = new Watchdog(policyFor('run'), 0);
    let verdict: Verdict | undefined;
    let now = 0;
    while (!verdict) {
      now += 1_000;
      alive.sign(now - 50);
      verdict = alive.check(now, true);
    }
    expect(verdict).toEqual({ kind: 'time-limit', limitMs: DEFAULT_TIME_LIMIT_MS, wallMs: 11_000 });
  });

  it('an import sends no heartbeat while it loads: only its own, longer, time limit applies, and the message says what took long', () => {
    const watchdog = new Watchdog(policyFor('load-database'), 0);
    const { now, verdict } = drive(watchdog, 0, 60_000, null);
    expect(verdict).toEqual({ kind: 'time-limit', limitMs: IMPORT_TIME_LIMIT_MS, wallMs: now });
    const message = stopMessage(verdict!, 'load-database');
    expect(message).toMatch(/^Stopped after 30\.1 s: the database file took too long to load \(the limit is 30 s\)\./);
    expect(message).not.toMatch(/endless loop/);
  });

  it('reading a whole value is one synchronous query: no heartbeat expected, the usual time limit', () => {
    const watchdog = new Watchdog(policyFor('read-value'), 0);
    const { now, verdict } = drive(watchdog, 0, 60_000, null);
    expect(verdict).toEqual({ kind: 'time-limit', limitMs: DEFAULT_TIME_LIMIT_MS, wallMs: now });
    expect(stopMessage(verdict!, 'read-value')).toMatch(/^Stopped after 10\.1 s: reading the whole value took too long\./);
  });

  it('while paused (the page downloads Auth.js for the worker) the time limit does not count, and a stall is still judged', () => {
    const watchdog = new Watchdog(policyFor('run'), 0);
    expect(drive(watchdog, 0, 2_000, 100).verdict).toBeUndefined();
    watchdog.pause();
    // A 30 s download: the worker awaits it and keeps beating.
    expect(drive(watchdog, 2_000, 32_000, 100).verdict).toBeUndefined();
    watchdog.resume();
    // 2 s before, 8 s after.
    const { now, verdict } = drive(watchdog, 32_000, 60_000, 100);
    expect(verdict).toEqual({ kind: 'time-limit', limitMs: DEFAULT_TIME_LIMIT_MS, wallMs: now });
    expect(now).toBe(32_000 + DEFAULT_TIME_LIMIT_MS - 2_000 + CHECK_INTERVAL_MS);
    const stuck = new Watchdog(policyFor('run'), 0);
    stuck.pause();
    expect(drive(stuck, 0, 5_000, null)).toEqual({
      now: STUCK_AFTER_MS + CHECK_INTERVAL_MS,
      verdict: { kind: 'stuck', wallMs: STUCK_AFTER_MS + CHECK_INTERVAL_MS },
    });
  });

  it('the stuck message keeps its wording', () => {
    expect(stopMessage({ kind: 'stuck', wallMs: 1_600 }, 'run')).toBe(
      'Stopped after 1.6 s: the code stopped responding (an endless loop?). The runtime was restarted; your code is unchanged.',
    );
  });
});
