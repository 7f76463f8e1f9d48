// Part of `./botfleet bench dashboard` (DashboardScaleBench seeds a bot with 100,000 subscribers and 1,000 campaigns
// first): in headless Chromium, the time from an action to the rows it asks for on screen — a fresh load of the
// subscribers table and of the campaign list, the next page, a status filter. Prints BENCH lines (medians of RUNS).
//
// Environment: BASE_URL, BOT_ID, OWNER_EMAIL, OWNER_PASSWORD (never printed), RUNS.
import { chromium } from 'playwright-core';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const BASE = env('BASE_URL').replace(/\/$/, '');
const BOT_ID = env('BOT_ID');
const RUNS = Number(process.env.RUNS ?? '5');

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const bench = (name, values) => console.log(`BENCH dashboard.${name} ${Math.round(median(values))} ms target<=1000`);

/** Milliseconds from `action` until the table shows `rows` rows of a page other than `before` (first cells differ). */
async function timed(page, action, rows) {
  const before = await page.locator('tbody tr td').first().textContent().catch(() => null);
  const t = performance.now();
  await action();
  await page.waitForFunction(
    ([want, previous]) => {
      const table = document.querySelector('table[aria-busy]') ?? document.querySelector('table');
      const cells = document.querySelectorAll('tbody tr');
      const first = document.querySelector('tbody tr td')?.textContent ?? null;
      return table && table.getAttribute('aria-busy') !== 'true' && cells.length === want && first !== previous;
    },
    [rows, before],
    { timeout: 60_000, polling: 'raf' },
  );
  return performance.now() - t;
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(`${BASE}/login`);
  await page.getByLabel('E-mail').fill(env('OWNER_EMAIL'));
  await page.getByLabel('Password').fill(env('OWNER_PASSWORD'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Bots' }).waitFor();

  const load = [], next = [], filter = [];
  for (let i = 0; i < RUNS; i++) {
    load.push(await timed(page, () => page.goto(`${BASE}/bots/${BOT_ID}?tab=subscribers`), 50));
    next.push(await timed(page, () => page.getByRole('button', { name: 'Next →' }).click(), 50));
    filter.push(await timed(page, () => page.getByRole('button', { name: /^blocked/ }).click(), 50));
  }
  bench('subscribers_load_to_rows_p50_ms', load);
  bench('subscribers_next_page_to_rows_p50_ms', next);
  bench('subscribers_status_filter_to_rows_p50_ms', filter);

  const campaigns = [], campaignsNext = [];
  for (let i = 0; i < RUNS; i++) {
    campaigns.push(await timed(page, () => page.goto(`${BASE}/campaigns?bot=${BOT_ID}`), 25));
    campaignsNext.push(await timed(page, () => page.getByRole('button', { name: 'Next →' }).click(), 25));
  }
  bench('campaigns_load_to_rows_p50_ms', campaigns);
  bench('campaigns_next_page_to_rows_p50_ms', campaignsNext);
} finally {
  await browser.close();
}
