// Whether the page stays responsive: the main thread's long tasks, seen by the page itself.
//
// The budget is the "no task over ~200 ms", scaled by how fast this machine is: a fixed
// DOM workload (the calibration) is timed in the same page, against what it took where the
// budget was set. So a slow CI machine gets a proportionally larger budget, and a page that
// really blocks (seconds, not tens of ms) fails everywhere.
import { expect } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';

/** The longest main-thread task allowed, in ms, on the machine where CALIBRATION_REFERENCE_MS was measured. */
export const LONG_TASK_BUDGET_MS = 200;
/** What the calibration workload took on that machine (a 2-core CI-class machine, headless Chromium 156). */
const CALIBRATION_REFERENCE_MS = 30;

/** The observer as an init script, for pages opened with their own `initScript`. */
export const LONG_TASK_OBSERVER = `(() => {
  const tasks = window.__longTasks = [];
  try {
    new PerformanceObserver((list) => { for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration }); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

/** Call before opening the page: every document of the context records its long tasks from the start. */
export async function observeLongTasks(context: BrowserContext): Promise<void> {
  await context.addInitScript(LONG_TASK_OBSERVER);
}

/** A point in page time to measure from (e.g. just before the action under test). */
export function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

/** The page's long tasks (start, duration in ms) since `since` (page time). */
export async function longTasksSince(page: Page, since = 0): Promise<Array<{ start: number; duration: number }>> {
  return page.evaluate(
    (from) =>
      ((window as unknown as { __longTasks?: Array<{ start: number; duration: number }> }).__longTasks ?? []).filter(
        (task) => task.start + task.duration >= from,
      ),
    since,
  );
}

/**
 * How much slower than the reference machine this one is right now (≥ 1): the fastest of five
 * timings of a fixed workload — build 100 table rows of 8 cells, lay them out, remove them (~30 ms there).
 */
export async function machineFactor(page: Page): Promise<number> {
  const times = await page.evaluate(async () => {
    const samples: number[] = [];
    for (let round = 0; round < 5; round++) {
      // One task per round: the calibration must not itself be a long task the page then reports.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const started = performance.now();
      const table = document.createElement('table');
      for (let row = 0; row < 100; row++) {
        const tr = table.insertRow();
        for (let cell = 0; cell < 8; cell++) tr.insertCell().textContent = `r${row}c${cell} ${Math.random().toString(36).slice(2)}`;
      }
      table.style.position = 'absolute';
      table.style.visibility = 'hidden';
      document.body.append(table);
      void table.getBoundingClientRect().height;
      table.remove();
      samples.push(performance.now() - started);
    }
    return samples.sort((a, b) => a - b);
  });
  return Math.max(1, times[0]! / CALIBRATION_REFERENCE_MS);
}

/**
 * Asserts that no main-thread task since `since` (and started by `until`) took longer than the
 * budget (scaled to this machine), and returns the longest, for the test's log.
 */
export async function expectResponsive(page: Page, since: number, what: string, until = Number.POSITIVE_INFINITY): Promise<number> {
  // Read first: a calibration on a slow machine may itself make a task over 50 ms.
  const tasks = (await longTasksSince(page, since)).filter((task) => task.start <= until);
  const factor = await machineFactor(page);
  const budget = LONG_TASK_BUDGET_MS * factor;
  const longest = Math.max(0, ...tasks.map((task) => task.duration));
  expect(
    longest,
    `${what}: the longest main-thread task took ${longest.toFixed(0)} ms; budget ${budget.toFixed(0)} ms (${LONG_TASK_BUDGET_MS} ms × machine factor ${factor.toFixed(2)})`,
  ).toBeLessThanOrEqual(budget);
  return longest;
}

/**
 * How long the page takes to answer a click on `selector` (click → next frame painted), in ms,
 * measured by the page: input must be answered within 100 ms of frame time.
 */
export async function inputDelay(page: Page, selector: string): Promise<number> {
  return page.evaluate(async (target) => {
    const element = document.querySelector<HTMLElement>(target);
    if (!element) throw new Error(`no ${target}`);
    const started = performance.now();
    element.click();
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - started;
  }, selector);
}
