// The dashboard end to end in headless Chromium against a running local stack (started by the runner's
// DashboardE2ETest): setup, sign-in, a bot, subscribers, a campaign composed, sent and delivered, a conflicting
// edit, an analyst who can look but not change. Saves screenshots of the main pages for docs/user-guide.md.
//
// Environment: BASE_URL (the runner), EMULATOR_URL (Telegram emulator), SETUP_TOKEN, BOT_TOKEN (a bot the emulator
// knows), SCREENSHOT_DIR. Secrets are never printed. Exits non-zero on the first failed step.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const BASE = env('BASE_URL').replace(/\/$/, '');
const EMULATOR = env('EMULATOR_URL').replace(/\/$/, '');
const SETUP_TOKEN = env('SETUP_TOKEN');
const BOT_TOKEN = env('BOT_TOKEN');
const SHOTS = env('SCREENSHOT_DIR');
const BOT_ID = BOT_TOKEN.split(':')[0];
const OWNER = { name: 'Olivia Owner', email: 'owner@example.com', password: 'correct horse battery staple 42' };
const ANALYST = { name: 'Arthur Analyst', email: 'analyst@example.com', password: 'analyst password 1234' };
const PEOPLE = [['Alice', 'alice', 'en'], ['Boris', 'boris', 'ru'], ['Chen', 'chen', 'zh'], ['Dana', 'dana', 'de'], ['Emil', 'emil', 'de']];
const LONG = 120_000;

let passed = 0;
const started = Date.now();
async function step(name, fn) {
  const t = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok   ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  } catch (e) {
    console.log(`FAIL ${name}: ${e instanceof Error ? e.message : e}`);
    const picture = join(tmpdir(), 'dashboard-e2e-failure.png');
    await page?.screenshot({ path: picture, fullPage: true }).then(() => console.log(`the page at the failure: ${picture}`), () => {});
    throw e;
  }
}

async function control(method, path, body) {
  const response = await fetch(`${EMULATOR}/control${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(response.ok, `${method} /control${path} answered ${response.status}`);
  return response.json();
}

async function shot(page, name, options = {}) {
  await page.waitForLoadState('networkidle').catch(() => {});
  // a full-page capture of a scrolled page draws the sticky sidebar and preview where the scroll left them
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true, ...options });
}

async function signIn(page, who) {
  await page.goto(`${BASE}/login`);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // signing in lands on the home page, today's figures
  await page.getByRole('heading', { name: 'Today' }).waitFor({ timeout: LONG });
}

/** A real PNG photo (a sunrise gradient), made here so the media function checks actual image bytes. */
function gradientPng(width, height) {
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'ascii');
    data.copy(out, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const sky = y / height;
      rows.set([Math.round(255 - 60 * sky), Math.round(120 + 100 * sky * (x / width)), Math.round(90 + 150 * sky)], row + 1 + x * 3);
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** The API as the signed-in page calls it (its access token): for what a step arranges rather than tests. */
async function pageApi(page, method, path, body) {
  return page.evaluate(async ({ base, method, path, body }) => {
    const { accessToken } = JSON.parse(localStorage.getItem('botfleet.session'));
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json().catch(() => null) };
  }, { base: BASE, method, path, body });
}

const parseCsv = (text) =>
  text
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(','));

mkdirSync(SHOTS, { recursive: true });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const desktop = { viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 };
const owner = await browser.newContext(desktop);
const page = await owner.newPage();
page.setDefaultTimeout(30_000);
const users = [];
let campaignId;

try {
  await step('first start shows the setup page', async () => {
    await page.goto(BASE);
    await page.getByRole('heading', { name: 'Set up botfleet' }).waitFor();
    await shot(page, 'setup');
  });

  await step('the owner account is created with the setup token and signed in', async () => {
    await page.getByLabel('Setup token').fill(SETUP_TOKEN);
    await page.getByLabel('Your name').fill(OWNER.name);
    await page.getByLabel('E-mail').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Create owner account' }).click();
    await page.getByRole('heading', { name: 'No bots yet' }).waitFor({ timeout: LONG });
  });

  await step('the demo bot is registered', async () => {
    await page.getByRole('button', { name: 'Register a bot' }).click();
    await page.getByLabel('Bot token').fill(BOT_TOKEN);
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await page.getByRole('link', { name: 'Botfleet Demo' }).waitFor({ timeout: LONG });
  });

  await step('simulated users send /start and become subscribers', async () => {
    for (const [firstName, username, languageCode] of PEOPLE) {
      const user = await control('POST', '/users', { firstName, username, languageCode });
      await control('POST', `/bots/${BOT_ID}/users/${user.id}/start`, { payload: 'e2e' });
      users.push(user);
    }
    // the list refreshes its counts by itself
    const row = page.getByRole('row', { name: /Botfleet Demo/ });
    await row.getByRole('cell', { name: String(PEOPLE.length), exact: true }).nth(1).waitFor({ timeout: LONG });
    await shot(page, 'bots');
  });

  await step('the subscribers table lists them', async () => {
    await page.getByRole('link', { name: 'Botfleet Demo' }).click();
    await page.getByRole('tab', { name: 'Subscribers' }).click();
    await page.getByRole('cell', { name: 'Alice @alice' }).waitFor();
    assert.equal(await page.locator('tbody tr').count(), PEOPLE.length);
    await shot(page, 'subscribers');
  });

  await step('a campaign is composed: bold text, a link and a URL button, shown in the preview as typed', async () => {
    await page.getByRole('link', { name: 'New campaign' }).click();
    await page.getByLabel('Campaign name').fill('Spring sale');
    const editor = page.getByRole('textbox', { name: 'Message' });
    await editor.click();
    await page.getByRole('button', { name: 'Bold' }).click();
    await page.keyboard.type('Spring sale');
    await page.getByRole('button', { name: 'Bold' }).click();
    await page.keyboard.type(' starts now. Visit our shop');
    for (let i = 0; i < 'our shop'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
    await page.getByRole('button', { name: 'Link' }).click();
    await page.getByLabel('Link URL').fill('https://example.com/shop');
    await page.getByRole('button', { name: 'Apply link' }).click();
    await page.getByRole('button', { name: '+ Add a row of buttons' }).click();
    await page.getByLabel('Button text (row 1, button 1)').fill('Shop now');
    await page.getByLabel('Button URL (row 1, button 1)').fill('https://example.com/shop');

    const bubble = page.getByTestId('preview-bubble');
    assert.equal(await bubble.locator('strong').textContent(), 'Spring sale');
    assert.equal(await bubble.locator('a').textContent(), 'our shop');
    assert.equal(await bubble.locator('a').getAttribute('href'), 'https://example.com/shop');
    await page.locator('.tg-button', { hasText: 'Shop now' }).waitFor();
    assert.match(await page.getByTestId('counter').textContent(), /^38 \/ 4,096/);
    // the recipient count follows the audience: all five, none who speak a language nobody speaks, all five again
    const recipients = page.locator('.recipients-count');
    await recipients.filter({ hasText: /^5$/ }).waitFor();
    const languages = page.getByLabel('Languages (e.g. en, de)');
    await languages.fill('zz');
    await recipients.filter({ hasText: /^0$/ }).waitFor();
    await languages.fill('');
    await recipients.filter({ hasText: /^5$/ }).waitFor();
    await shot(page, 'composer');
  });

  await step("the API's refusal of a button URL is shown at that button", async () => {
    const url = page.getByLabel('Button URL (row 1, button 1)');
    await url.fill('example.com/shop');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('group', { name: 'Button row 1' }).getByRole('alert').filter({ hasText: 'absolute' }).waitFor();
    assert.equal(await url.getAttribute('aria-invalid'), 'true');
    await url.fill('https://example.com/shop');
  });

  await step('the draft is saved', async () => {
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved.').waitFor();
    await page.waitForURL(/\/campaigns\/[^/]+\/edit$/);
    campaignId = page.url().split('/').at(-2);
  });

  await step('a second editor saves the same draft first; the stale edit shows both versions', async () => {
    const other = await browser.newContext(desktop);
    const otherPage = await other.newPage();
    await signIn(otherPage, OWNER);
    await otherPage.goto(`${BASE}/campaigns/${campaignId}/edit`);
    await otherPage.getByLabel('Campaign name').fill('Spring sale (final)');
    await otherPage.getByRole('button', { name: 'Save draft' }).click();
    await otherPage.getByText('Draft saved.').waitFor();
    await other.close();

    await page.getByLabel('Campaign name').fill('Spring sale!');
    await page.getByRole('button', { name: 'Save draft' }).click();
    const conflict = page.getByRole('alertdialog', { name: 'This draft was changed by someone else' });
    await conflict.waitFor();
    await conflict.getByText('Spring sale (final)').waitFor();
    await conflict.getByText('Spring sale!').waitFor();
    await shot(page, 'conflict');
    await conflict.getByRole('button', { name: 'Keep my version' }).click();
    await page.getByText('Your version is saved.').waitFor();
  });

  await step('a test goes to one chat outside the audience', async () => {
    const tester = await control('POST', '/users', { firstName: 'Tess', username: 'tess', languageCode: 'en' });
    await page.getByLabel('Test chat ids').fill(String(tester.id));
    await page.getByRole('button', { name: 'Send test' }).click();
    await page.getByText('Test sent to 1 chat.').waitFor();
    const received = await control('GET', `/bots/${BOT_ID}/chats/${tester.id}/messages`);
    assert.deepEqual(received.map((m) => m.text), ['Spring sale starts now. Visit our shop']);
  });

  await step('the campaign is sent and its progress reaches 100 % without a reload', async () => {
    await page.getByRole('button', { name: 'Send now…' }).click();
    await page.getByRole('button', { name: 'Confirm and send' }).click();
    await page.waitForURL(`${BASE}/campaigns/${campaignId}`);
    const navigations = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()));
    await page.getByTestId('progress-percent').filter({ hasText: '100 %' }).waitFor({ timeout: LONG });
    assert.deepEqual(navigations, [], 'the page reloaded while sending');
    assert.equal(await page.getByRole('progressbar', { name: 'Delivery progress' }).getAttribute('aria-valuenow'), '100');
    await page.getByTestId('stat-sent').filter({ hasText: String(PEOPLE.length) }).waitFor({ timeout: LONG });
    await page.getByText('completed').first().waitFor({ timeout: LONG });
  });

  await step('every simulated user received exactly that message', async () => {
    for (const user of users) {
      const messages = await control('GET', `/bots/${BOT_ID}/chats/${user.id}/messages`);
      const sale = messages.filter((m) => m.text?.startsWith('Spring sale'));
      assert.equal(sale.length, 1, `${user.firstName} received ${sale.length} copies`);
      const [m] = sale;
      assert.equal(m.text, 'Spring sale starts now. Visit our shop');
      assert.equal(m.parseMode, 'HTML');
      assert.deepEqual(
        m.entities.map((e) => [e.type, e.offset, e.length, e.url]),
        [['bold', 0, 11, undefined], ['text_link', 30, 8, 'https://example.com/shop']],
      );
      assert.equal(JSON.stringify(m.replyMarkup), JSON.stringify({ inline_keyboard: [[{ text: 'Shop now', url: 'https://example.com/shop' }]] }));
    }
  });

  await step('the delivery report and its CSV agree', async () => {
    const table = page.getByTestId('deliveries');
    await table.locator('tbody tr').nth(PEOPLE.length - 1).waitFor({ timeout: LONG });
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const [header, ...records] = parseCsv(readFileSync(await download.path(), 'utf8'));
    assert.deepEqual(header, ['batch', 'chat_id', 'outcome', 'message_id', 'error']);
    const fromTable = rows.map(([chat, outcome, messageId, batch]) => [batch, chat, outcome, messageId].join(',')).sort();
    const fromCsv = records.map(([batch, chat, outcome, messageId]) => [batch, chat, outcome, messageId].join(',')).sort();
    assert.deepEqual(fromCsv, fromTable);
    assert.deepEqual(records.map((r) => r[1]).sort(), users.map((u) => String(u.id)).sort());
    assert.ok(records.every((r) => r[2] === 'sent'));
    await shot(page, 'campaign-report');
  });

  await step('a campaign scheduled a few seconds ahead starts on its own, and everyone receives it once', async () => {
    await page.goto(`${BASE}/bots/${BOT_ID}/campaigns/new`);
    await page.getByLabel('Campaign name').fill('Morning news');
    await page.getByRole('textbox', { name: 'Message' }).click();
    await page.keyboard.type('Good morning from the schedule');
    await page.getByLabel('At a date and time').check();
    // the local scheduler fires due schedules on a short poll (the runner's LOCAL_SCHEDULER_POLL_MS)
    const at = new Date(Date.now() + 20_000).toISOString();
    await page.getByLabel('Time zone', { exact: true }).selectOption('UTC');
    await page.getByLabel('Date', { exact: true }).fill(at.slice(0, 10));
    await page.getByLabel('Time', { exact: true }).fill(at.slice(11, 19));
    await page.getByTestId('next-occurrences').locator('li').first().waitFor({ timeout: LONG });
    await shot(page, 'composer-schedule');
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await page.waitForURL(/\/campaigns\/[^/]+$/);
    await page.getByTestId('schedule-summary').filter({ hasText: 'UTC' }).waitFor();
    await page.getByText('scheduled').first().waitFor();
    await shot(page, 'campaign-scheduled');
    await page.getByText('completed').first().waitFor({ timeout: LONG });
    for (const user of users) {
      const messages = await control('GET', `/bots/${BOT_ID}/chats/${user.id}/messages`);
      const morning = messages.filter((m) => m.text === 'Good morning from the schedule');
      assert.equal(morning.length, 1, `${user.firstName} received ${morning.length} copies`);
    }
  });

  await step('the campaigns list, audit log, dead letters and settings pages render', async () => {
    await page.getByRole('link', { name: 'Campaigns' }).click();
    await page.getByRole('link', { name: 'Spring sale!' }).waitFor();
    await shot(page, 'campaigns');
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('cell', { name: 'POST /api/campaigns/{campaignId}/start' }).waitFor();
    await shot(page, 'audit');
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Change password' }).waitFor();
    await shot(page, 'settings');
  });

  // DashboardE2ETest put two messages the aggregator cannot read on the events queue (redelivered after 15 s, not 3 min)
  await step('messages the aggregator refused wait under Dead letters with their reason; one is redriven, one discarded', async () => {
    await page.getByRole('link', { name: 'Dead letters' }).click();
    const events = page.getByTestId('dead-letters-events');
    const refused = events.getByRole('row').filter({ hasText: 'not an events message' });
    await refused.nth(1).waitFor({ timeout: LONG });
    assert.match(await refused.first().innerText(), /27 bytes: not=\(text, 17 characters\)/, 'the body is summarised, not shown');
    await shot(page, 'dead-letters');
    await refused.first().getByRole('button', { name: /^Redrive / }).click();
    await page.getByText('Sent 1 back to the events queue.').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="dead-letters-events"] tbody tr').length === 1);
    await refused.first().getByRole('button', { name: /^Discard / }).click();
    await page.getByRole('group', { name: 'Confirm discarding' }).getByRole('button', { name: 'Discard' }).click();
    await page.getByText('Discarded 1.').waitFor();
  });

  await step("the operations page downloads one campaign's log lines and shows the requests this script made", async () => {
    await page.getByRole('link', { name: 'Dead letters' }).click();
    const logs = page.getByTestId('log-download');
    await logs.getByLabel('Campaign id').fill(campaignId);
    await logs.getByLabel('Time range').selectOption({ label: 'Last hour' });
    const [download] = await Promise.all([page.waitForEvent('download'), logs.getByRole('button', { name: 'Download' }).click()]);
    const lines = readFileSync(await download.path(), 'utf8').split('\n').filter(Boolean);
    assert.ok(lines.length > 0, 'the campaign logged nothing');
    assert.ok(lines.every((l) => l.includes(campaignId)), 'a line of the download is not about the campaign');
    const functions = new Set(lines.map((l) => l.split(' ')[1]));
    assert.ok(functions.has('api') && functions.has('planner'), `lines came from ${[...functions]}`);
    const others = (await pageApi(page, 'GET', `/api/bots/${BOT_ID}/campaigns`)).body.items.map((c) => c.id).filter((id) => id !== campaignId);
    assert.ok(others.length > 0);
    assert.ok(lines.every((l) => others.every((id) => !l.includes(id))), 'the download holds a line of another campaign');
    const table = page.getByTestId('request-stats');
    await table.getByRole('cell', { name: 'POST /api/campaigns/{campaignId}/start' }).waitFor({ timeout: LONG });
    await table.getByRole('cell', { name: 'GET /api/bots/{botId}/subscribers' }).waitFor();
    // no webhook row to wait for: the webhook writes no line for an update it records (the stream consumer counts
    // those), only for requests it refuses
    await shot(page, 'operations-logs-requests');
  });

  await step("the owner browses the accounts table as stored, with the password hash redacted", async () => {
    await page.getByRole('link', { name: 'Raw data' }).click();
    await page.getByLabel('Table').selectOption('accounts');
    const table = page.getByTestId('raw-table');
    await table.getByRole('cell', { name: OWNER.email }).first().waitFor();
    assert.ok((await table.getByRole('cell', { name: '[redacted]' }).count()) > 0, 'the password hash is redacted');
    assert.ok(!(await table.textContent()).includes('$argon2'), 'no password hash is shown');
    await shot(page, 'raw-data');
  });

  let adCampaignId;
  await step('an advertiser buys a campaign with a URL button: CPM, price and budget', async () => {
    const created = await pageApi(page, 'POST', `/api/bots/${BOT_ID}/campaigns`, {
      name: 'Shoes week',
      content: { text: 'New running shoes, 30% off', parseMode: 'none', keyboard: [[{ text: 'Buy shoes', url: 'https://example.com/shoes' }]] },
    });
    assert.equal(created.status, 201);
    adCampaignId = created.body.id;
    await page.getByRole('link', { name: 'Ads' }).click();
    await page.getByRole('heading', { name: 'No ad orders yet' }).waitFor();
    await page.getByLabel('Name').fill('Acme Shoes');
    await page.getByLabel('Contact e-mail (optional)').fill('ads@acme.example');
    await page.getByRole('button', { name: 'Add advertiser' }).click();
    await page.getByTestId('advertisers').getByRole('cell', { name: 'Acme Shoes' }).waitFor();
    await page.getByLabel('Campaign').selectOption({ label: 'Shoes week (draft)' });
    await page.getByLabel('Advertiser').selectOption({ label: 'Acme Shoes' });
    await page.getByLabel('Pricing').selectOption('cpm');
    await page.getByLabel('Price (minor units, e.g. cents)').fill('2000');
    await page.getByLabel('Currency').fill('USD');
    await page.getByLabel('Budget (minor units, optional)').fill('100000');
    await page.getByRole('button', { name: 'Place order' }).click();
    const order = page.getByTestId('ad-orders').getByRole('row', { name: /Shoes week/ });
    await order.getByRole('cell', { name: '$20.00 per 1,000 delivered' }).waitFor();
    await order.getByRole('cell', { name: '$1,000.00' }).waitFor();
  });

  await step('the ad is sent; its button leads through the platform, which counts the tap and redirects', async () => {
    assert.equal((await pageApi(page, 'POST', `/api/campaigns/${adCampaignId}/start`)).status, 200);
    const deadline = Date.now() + LONG;
    while ((await pageApi(page, 'GET', `/api/campaigns/${adCampaignId}/progress`)).body.status !== 'completed') {
      assert.ok(Date.now() < deadline, 'the ad was not delivered in time');
      await new Promise((r) => setTimeout(r, 500));
    }
    const [reader] = users;
    const messages = await control('GET', `/bots/${BOT_ID}/chats/${reader.id}/messages`);
    const ad = messages.find((m) => m.text === 'New running shoes, 30% off');
    const [[button]] = ad.replyMarkup.inline_keyboard;
    assert.equal(button.text, 'Buy shoes');
    assert.match(button.url, /\/r\/[A-Za-z0-9_-]{51}$/, 'the button points at the redirect');
    // a URL button opens its URL in the reader's browser: followed here with a plain GET
    for (let tap = 0; tap < 2; tap++) {
      const response = await fetch(button.url, { redirect: 'manual' });
      assert.equal(response.status, 302);
      assert.equal(response.headers.get('location'), 'https://example.com/shoes');
    }
    const forged = await fetch(button.url.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), { redirect: 'manual' });
    assert.equal(forged.status, 404);
  });

  await step('the ad report shows the click and the spend, by day and in a chart', async () => {
    // the ad was started through the API while this page was open: opened again, as a user coming back would
    await page.goto(`${BASE}/ads`);
    const order = page.getByTestId('ad-orders').getByRole('row', { name: /Shoes week/ });
    // 5 delivered at $20 CPM = 10 cents
    await order.getByRole('cell', { name: '$0.10' }).waitFor({ timeout: LONG });
    await shot(page, 'ads');
    await order.getByRole('link', { name: 'Shoes week' }).click();
    const totals = page.getByTestId('ad-totals');
    await totals.getByText('$0.10').waitFor({ timeout: LONG });
    const figure = async (label) => (await totals.locator('.stat', { hasText: label }).locator('dd').textContent()).trim();
    assert.equal(await figure('Delivered'), String(PEOPLE.length));
    assert.equal(await figure('Unique clicks'), '1');
    assert.equal(await figure('Total clicks'), '2');
    assert.equal(await figure('CTR'), '20.00%');
    await page.locator('.chart .recharts-surface').first().waitFor();
    assert.equal(await page.getByTestId('ad-days').locator('tbody tr').count(), 1);
    await shot(page, 'ad-report');
  });

  let inviteUrl;
  await step('an analyst is invited', async () => {
    await page.getByRole('link', { name: 'Team & keys' }).click();
    await page.getByLabel('E-mail').fill(ANALYST.email);
    await page.getByLabel('Role').selectOption('analyst');
    await page.getByRole('button', { name: 'Invite' }).click();
    const link = page.getByLabel('Invitation link');
    await link.waitFor();
    inviteUrl = await link.inputValue();
    // the link is a credential: its secret is blanked in the picture
    await link.evaluate((input) => (input.value = input.value.replace(/#token=.*/, '#token=••••••••••••')));
    await shot(page, 'team');
  });

  await step('the analyst accepts, signs in and sees data but no control that changes anything', async () => {
    const context = await browser.newContext(desktop);
    const analyst = await context.newPage();
    await analyst.goto(inviteUrl);
    await analyst.getByLabel('Your name').fill(ANALYST.name);
    await analyst.getByLabel('Password').fill(ANALYST.password);
    await analyst.getByRole('button', { name: 'Create my account' }).click();
    await analyst.getByRole('link', { name: 'Sign in' }).click();
    await signIn(analyst, ANALYST);
    await analyst.getByRole('link', { name: 'Bots', exact: true }).click();

    await analyst.getByRole('link', { name: 'Botfleet Demo' }).waitFor();
    assert.equal(await analyst.getByRole('button', { name: 'Register a bot' }).count(), 0);
    for (const hidden of ['Team & keys', 'Audit log', 'Dead letters', 'Raw data']) {
      assert.equal(await analyst.getByRole('link', { name: hidden }).count(), 0, `${hidden} is offered to an analyst`);
    }
    await analyst.getByRole('link', { name: 'Campaigns' }).click();
    await analyst.getByRole('link', { name: 'Spring sale!' }).click();
    await analyst.getByTestId('progress-percent').filter({ hasText: '100 %' }).waitFor();
    assert.equal(await analyst.getByRole('link', { name: 'New campaign' }).count(), 0);
    for (const action of ['Pause', 'Resume', 'Cancel', 'Edit draft']) {
      assert.equal(await analyst.getByRole('button', { name: action }).count() + (await analyst.getByRole('link', { name: action }).count()), 0);
    }
    await analyst.goto(`${BASE}/bots/${BOT_ID}`);
    assert.ok(await analyst.getByLabel('Display name').isDisabled(), 'bot settings are editable by an analyst');
    assert.equal(await analyst.getByRole('button', { name: 'Save settings' }).count(), 0);
    await shot(analyst, 'analyst-bot');

    const status = await analyst.evaluate(async ({ base, botId }) => {
      const { accessToken } = JSON.parse(localStorage.getItem('botfleet.session'));
      const response = await fetch(`${base}/api/bots/${botId}/campaigns`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Not allowed', content: { text: 'x', parseMode: 'none' } }),
      });
      return response.status;
    }, { base: BASE, botId: BOT_ID });
    assert.equal(status, 403, 'the API let an analyst create a campaign');
    await context.close();
  });

  await step('a photo dropped into the media library is uploaded and checked', async () => {
    await page.getByRole('link', { name: 'Media library' }).click();
    await page.getByRole('heading', { name: 'The library is empty' }).waitFor();
    await page.getByTestId('media-file-input').setInputFiles([
      { name: 'sunrise.png', mimeType: 'image/png', buffer: gradientPng(640, 400) },
      // text that claims to be a photo: the check reads the bytes, not the name
      { name: 'not-a-photo.png', mimeType: 'image/png', buffer: Buffer.from('just some text, not an image\n'.repeat(20)) },
    ]);
    const item = page.getByTestId('media-item').filter({ hasText: 'sunrise.png' });
    await item.and(page.locator('[data-status="validated"]')).waitFor({ timeout: LONG });
    await item.getByText('640×400').waitFor();
    const refused = page.getByTestId('media-item').filter({ hasText: 'not-a-photo.png' });
    await refused.and(page.locator('[data-status="quarantined"]')).waitFor({ timeout: LONG });
    assert.ok((await refused.locator('.media-reason').textContent()).length > 0, 'a quarantined file shows no reason');
    await item.locator('img').evaluate((img) => (img.complete && img.naturalWidth > 0) || new Promise((done) => img.addEventListener('load', done)));
    await shot(page, 'media');
  });

  await step('a campaign sends the library photo to every subscriber, uploaded to Telegram once', async () => {
    await page.goto(`${BASE}/bots/${BOT_ID}/campaigns/new`);
    await page.getByLabel('Campaign name').fill('Photo of the day');
    await page.getByRole('textbox', { name: 'Message' }).click();
    await page.keyboard.type('Sunrise over the fleet');
    await page.getByRole('button', { name: 'Choose from the media library' }).click();
    // only checked files are offered
    assert.equal(await page.getByTestId('media-option').filter({ hasText: 'not-a-photo.png' }).count(), 0);
    await page.getByTestId('media-option').filter({ hasText: 'sunrise.png' }).click();
    await page.getByTestId('media-chosen').getByText('sunrise.png').waitFor();
    await page.getByTestId('preview-media').locator('img').waitFor();
    assert.equal(await page.getByLabel('Attachment').inputValue(), 'photo');
    await shot(page, 'composer-media');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved.').waitFor();
    await page.getByRole('button', { name: 'Send now…' }).click();
    await page.getByRole('button', { name: 'Confirm and send' }).click();
    await page.waitForURL(/\/campaigns\/[^/]+$/);
    await page.getByTestId('progress-percent').filter({ hasText: '100 %' }).waitFor({ timeout: LONG });
    for (const user of users) {
      const messages = await control('GET', `/bots/${BOT_ID}/chats/${user.id}/messages`);
      const photos = messages.filter((m) => m.method === 'sendPhoto');
      assert.equal(photos.length, 1, `${user.firstName} received ${photos.length} photos`);
      assert.equal(photos[0].text, 'Sunrise over the fleet');
      assert.ok(photos[0].fileId, `${user.firstName}'s photo has no file id`);
    }
    const uploads = await control('GET', `/bots/${BOT_ID}/uploads`);
    assert.equal(uploads.length, 1, `the bot uploaded the photo ${uploads.length} times`);
    assert.equal(uploads[0].kind, 'photo');
  });

  await step('all together: the library photo with a URL button, sold per click, scheduled ahead, starts on its own; the tap is billed', async () => {
    const library = await pageApi(page, 'GET', '/api/media');
    const photo = library.body.items.find((m) => m.fileName === 'sunrise.png');
    const created = await pageApi(page, 'POST', `/api/bots/${BOT_ID}/campaigns`, {
      name: 'Sunrise tours',
      content: {
        text: 'Sunrise tours, book now', parseMode: 'none', media: { kind: 'photo', mediaId: photo.id },
        keyboard: [[{ text: 'Book a tour', url: 'https://example.com/tours' }]],
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const campaignId = created.body.id;
    const advertisers = await pageApi(page, 'GET', '/api/advertisers');
    const acme = advertisers.body.items.find((a) => a.name === 'Acme Shoes');
    const order = await pageApi(page, 'POST', '/api/ads', {
      campaignId, advertiserId: acme.id, pricingModel: 'cpc', price: 150, currency: 'USD', budget: 10000,
    });
    assert.equal(order.status, 201, JSON.stringify(order.body));
    const at = new Date(Date.now() + 20_000).toISOString().slice(0, 19);
    const scheduled = await pageApi(page, 'PUT', `/api/campaigns/${campaignId}/schedule`, { at, timeZone: 'UTC' });
    assert.equal(scheduled.status, 200, JSON.stringify(scheduled.body));
    const deadline = Date.now() + LONG;
    while ((await pageApi(page, 'GET', `/api/campaigns/${campaignId}/progress`)).body.status !== 'completed') {
      assert.ok(Date.now() < deadline, 'the scheduled ad did not complete in time');
      await new Promise((r) => setTimeout(r, 500));
    }
    let button;
    for (const user of users) {
      const messages = await control('GET', `/bots/${BOT_ID}/chats/${user.id}/messages`);
      const tours = messages.filter((m) => m.text === 'Sunrise tours, book now');
      assert.equal(tours.length, 1, `${user.firstName} received ${tours.length} copies`);
      assert.equal(tours[0].method, 'sendPhoto');
      button ??= tours[0].replyMarkup.inline_keyboard[0][0];
    }
    const uploads = await control('GET', `/bots/${BOT_ID}/uploads`);
    assert.equal(uploads.length, 1, 'the photo was uploaded to Telegram again instead of sent by its file_id');
    const tap = await fetch(button.url, { redirect: 'manual' });
    assert.equal(tap.status, 302);
    assert.equal(tap.headers.get('location'), 'https://example.com/tours');
    const report = await pageApi(page, 'GET', `/api/ads/${campaignId}/report`);
    assert.equal(report.body.total.delivered, PEOPLE.length);
    assert.equal(report.body.total.uniqueClicks, 1);
    assert.equal(report.body.total.spend, 150, 'one unique click at 150 cents');
    await page.goto(`${BASE}/ads`);
    await page.getByTestId('ad-orders').getByRole('row', { name: /Sunrise tours/ }).getByRole('cell', { name: '$1.50', exact: true })
      .first().waitFor({ timeout: LONG });
  });

  await step('an analyst sees the library but can neither upload nor delete', async () => {
    const context = await browser.newContext(desktop);
    const analyst = await context.newPage();
    await signIn(analyst, ANALYST);
    await analyst.getByRole('link', { name: 'Media library' }).click();
    await analyst.getByTestId('media-item').filter({ hasText: 'sunrise.png' }).waitFor();
    assert.equal(await analyst.getByRole('button', { name: 'Choose files' }).count(), 0);
    assert.equal(await analyst.getByTestId('media-file-input').count(), 0);
    const deletes = await analyst.getByRole('button', { name: /^Delete / }).all();
    assert.equal(deletes.length, 2);
    for (const button of deletes) {
      assert.ok(await button.isDisabled(), 'an analyst may delete a library file');
    }
    await context.close();
  });

  await step('users join, write and block a new bot; the analytics page and the home page show exactly that', async () => {
    // a bot of its own, so that its figures are only this step's
    const created = await control('POST', '/bots', { username: 'e2e_stats_bot', firstName: 'Stats Demo' });
    const registered = await pageApi(page, 'POST', '/api/bots', { token: created.token });
    assert.equal(registered.status, 201, `registering the stats bot answered ${registered.status}`);
    const statsBot = String(created.id);
    const people = [];
    for (const [firstName, username] of [['Ann', 'ann_stats'], ['Ben', 'ben_stats'], ['Cat', 'cat_stats']]) {
      const user = await control('POST', '/users', { firstName, username, languageCode: 'en' });
      await control('POST', `/bots/${statsBot}/users/${user.id}/start`, {});
      people.push(user);
    }
    await control('POST', `/bots/${statsBot}/users/${people[0].id}/send`, { text: 'hello' });
    await control('POST', `/bots/${statsBot}/users/${people[1].id}/send`, { text: 'any news?' });
    await control('POST', `/bots/${statsBot}/users/${people[2].id}/block`, {});
    // three /start messages and two texts; three joined, one blocked; three chats wrote
    const expected = { joined: '3', blocked: '1', net: '+2', active: '3', received: '5', sent: '0', failed: '0' };
    const exactly = (value) => new RegExp(`^${value.replace('+', '\\+')}$`);

    await page.goto(`${BASE}/`);
    const card = page.getByTestId(`today-${statsBot}`);
    // the aggregator folds the events within a minute; the page refetches by itself
    await card.getByTestId(`today-${statsBot}-joined`).locator('dd', { hasText: exactly(expected.joined) }).waitFor({ timeout: LONG });
    await card.getByTestId(`today-${statsBot}-blocked`).locator('dd', { hasText: exactly(expected.blocked) }).waitFor({ timeout: LONG });
    await card.getByTestId(`today-${statsBot}-messagesReceived`).locator('dd', { hasText: exactly(expected.received) }).waitFor({ timeout: LONG });
    const today = Object.fromEntries(await card.locator('.stat').evaluateAll((tiles) => tiles.map((t) => [t.querySelector('dt').textContent, t.querySelector('dd').textContent])));
    assert.deepEqual(today, { Joined: '3', Blocked: '1', Net: '+2', 'Active users': '3', 'Messages in': '5', Sent: '0', 'Not delivered': '0', Subscribers: '2' });
    await shot(page, 'today');

    await card.getByRole('link', { name: 'Analytics →' }).click();
    await page.getByRole('button', { name: '24 h' }).click();
    const totals = page.getByTestId('analytics-totals');
    for (const [id, value] of Object.entries(expected)) {
      await totals.getByTestId(`total-${id}`).locator('dd', { hasText: exactly(value) }).waitFor({ timeout: LONG });
    }
    // the charts draw the same numbers: their data tables add up to the totals
    const column = async (chart, index) =>
      page.getByTestId(chart).locator('tbody tr').evaluateAll((trs, i) => trs.reduce((sum, tr) => sum + Number(tr.children[i].textContent.replace(/,/g, '')), 0), index);
    assert.equal(await column('chart-subscribers', 1), 3);
    assert.equal(await column('chart-subscribers', 2), 1);
    assert.equal(await column('chart-subscribers', 3), 2);
    assert.equal(await column('chart-messages', 1), 5);
    assert.equal(await column('chart-active', 1), 3);
    assert.equal(await page.getByTestId('chart-subscribers').locator('tbody tr').count(), 24);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download New subscribers as CSV' }).click()]);
    assert.match(download.suggestedFilename(), new RegExp(`^stats-${statsBot}-subscribers\\.joined-.*\\.csv$`));
    const [header, ...records] = parseCsv(readFileSync(await download.path(), 'utf8'));
    assert.deepEqual(header, ['bucket', 'subscribers.joined']);
    assert.equal(records.length, 24);
    assert.equal(records.reduce((sum, r) => sum + Number(r[1]), 0), 3);
    await shot(page, 'analytics');
  });

  await step('the dashboard fits a phone', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const small = await phone.newPage();
    await signIn(small, OWNER);
    // a phone widens its layout viewport to what overflows, so compare with the phone's own width
    await small.getByTestId(`today-${BOT_ID}`).waitFor();
    const homeWidth = await small.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(homeWidth <= 390, `the home page is ${homeWidth} px wide on a 390 px phone`);
    await shot(small, 'phone-today', { fullPage: false });
    await small.goto(`${BASE}/bots/${BOT_ID}/analytics?range=24h`);
    await small.getByTestId('chart-subscribers').waitFor({ timeout: LONG });
    const analyticsWidth = await small.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(analyticsWidth <= 390, `the analytics page is ${analyticsWidth} px wide on a 390 px phone`);
    await shot(small, 'phone-analytics', { fullPage: false });
    await small.goto(`${BASE}/bots`);
    await small.getByRole('heading', { name: 'Bots' }).waitFor();
    const width = await small.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the bots page is ${width} px wide on a 390 px phone`);
    await shot(small, 'phone-bots', { fullPage: false });
    await small.goto(`${BASE}/campaigns/${campaignId}`);
    await small.getByTestId('progress-percent').waitFor();
    await shot(small, 'phone-campaign-report', { fullPage: false });
    await small.goto(`${BASE}/bots/${BOT_ID}/campaigns/new`);
    await small.getByRole('textbox', { name: 'Message' }).click();
    await small.keyboard.type('Hello from a phone');
    await small.getByTestId('preview-bubble').getByText('Hello from a phone').waitFor();
    const composerWidth = await small.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(composerWidth <= 390, `the composer is ${composerWidth} px wide on a 390 px phone`);
    await shot(small, 'phone-composer', { fullPage: false });
    await small.goto(`${BASE}/media`);
    await small.getByTestId('media-item').first().waitFor();
    const mediaWidth = await small.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(mediaWidth <= 390, `the media library is ${mediaWidth} px wide on a 390 px phone`);
    await shot(small, 'phone-media', { fullPage: false });
    await phone.close();
  });
} finally {
  await browser.close();
  console.log(`dashboard e2e: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
console.log(`${passed} passed, 0 failed`);
