// Part of `./botfleet bench dashboard` (DashboardScaleBench seeds a bot with 100,000 subscribers and 1,000 campaigns
// first): in headless Chromium, the time from an action to the rows it asks for on screen — a fresh load of the
// subscribers table and of the campaign list, the next page, a status filter. Prints BENCH lines (medians of RUNS).
//
// Environment: BASE_URL, BOT_ID, OWNER_EMAIL, OWNER_PASSWORD (never printed), RUNS.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
const bench = (name, values, target) => console.log(`BENCH dashboard.${name} ${Math.round(median(values))} ms ${target}`.trimEnd());

/**
 * From `action` until the table shows `rows` rows of a page other than `before` (first rows differ): the whole time
 * in milliseconds, and the part after the API's answer arrived (`api` matches the request's URL) — what the browser
 * itself spends, whatever the data store behind the API costs.
 */
async function timed(page, action, rows, api) {
  const before = await page.locator('tbody tr').first().textContent().catch(() => null);
  const t = performance.now();
  let answered = null;
  const onResponse = (response) => {
    if (api.test(response.url())) answered = performance.now();
  };
  page.on('response', onResponse);
  await action();
  await page.waitForFunction(
    ([want, previous]) => {
      const table = document.querySelector('table[aria-busy]') ?? document.querySelector('table');
      const cells = document.querySelectorAll('tbody tr');
      const first = document.querySelector('tbody tr')?.textContent ?? null;
      return table && table.getAttribute('aria-busy') !== 'true' && cells.length === want && first !== previous;
    },
    [rows, before],
    { timeout: 120_000, polling: 'raf' },
  ).catch(async (e) => {
    const picture = join(tmpdir(), 'dashboard-scale-failure.png');
    await page.screenshot({ path: picture, fullPage: true }).catch(() => {});
    throw new Error(`${e.message} (the page then: ${picture})`);
  });
  const done = performance.now();
  page.off('response', onResponse);
  return { total: done - t, render: answered === null ? 0 : done - answered };
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

  const subscribersApi = /\/api\/bots\/\d+\/subscribers\?/;
  const campaignsApi = /\/api\/bots\/\d+\/campaigns\?/;
  const figures = {};
  const record = (name, timing) => {
    (figures[`${name}_to_rows_p50_ms`] ??= []).push(timing.total);
    (figures[`${name}_render_after_answer_p50_ms`] ??= []).push(timing.render);
  };
  for (let i = 0; i < RUNS; i++) {
    record('subscribers_load', await timed(page, () => page.goto(`${BASE}/bots/${BOT_ID}?tab=subscribers`), 50, subscribersApi));
    record('subscribers_next_page', await timed(page, () => page.getByRole('button', { name: 'Next →' }).click(), 50, subscribersApi));
    record('subscribers_status_filter', await timed(page, () => page.getByRole('button', { name: /^blocked/ }).click(), 50, subscribersApi));
    record('campaigns_load', await timed(page, () => page.goto(`${BASE}/campaigns?bot=${BOT_ID}`), 25, campaignsApi));
    record('campaigns_next_page', await timed(page, () => page.getByRole('button', { name: 'Next →' }).click(), 25, campaignsApi));
  }
  for (const [name, values] of Object.entries(figures)) bench(name, values, name.includes('render') ? 'target<=200' : '');
} finally {
  await browser.close();
}
