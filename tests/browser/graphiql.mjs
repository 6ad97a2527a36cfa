// The offline GraphiQL page, in Debian's headless Chromium: it must load nothing from another
// host, sign in (and refuse a wrong password), run a query and show the documentation explorer.
//
//   node graphiql.mjs http://127.0.0.1:8000      (or BASE_URL=… node graphiql.mjs)
//
// Needs a development server with the demo data at that address (./run starts one) and
// /usr/bin/chromium (CHROMIUM overrides the path). Exits 1 with the failed step on any failure.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const BASE = (process.argv[2] || process.env.BASE_URL || '').replace(/\/+$/, '');
if (!BASE) {
  console.error('usage: node graphiql.mjs <base URL>   (or set BASE_URL)');
  process.exit(2);
}
const HOST = new URL(BASE).host;
const USERNAME = 'leader';
const PASSWORD = 'inspect-demo-2026';
const QUERY = '{ me { displayName } inspections(first: 3) { totalCount } }';
const STEP_TIMEOUT_MS = 20_000;

const blocked = []; // URLs on another host, refused
const loaded = new Set(); // paths asked of the server
const problems = []; // uncaught page errors and console errors

const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const browser = await chromium.launch({ executablePath, headless: true }).catch((error) => {
  console.error(`FAILED: cannot start ${executablePath}: ${error.message}`);
  process.exit(1);
});
const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
context.setDefaultTimeout(STEP_TIMEOUT_MS);
await context.route('**/*', (route) => {
  const url = new URL(route.request().url());
  if (url.host !== HOST) {
    blocked.push(url.href);
    return route.abort('blockedbyclient');
  }
  loaded.add(`${route.request().method()} ${url.pathname}`);
  return route.continue();
});
const page = await context.newPage();
page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
page.on('console', (message) => {
  if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
});

const shots = mkdtempSync(join(tmpdir(), 'graphiql-browser-'));
let current = 'start';

// Runs one step; the first failure ends the test with its name.
async function step(name, action) {
  current = name;
  await action();
  console.log(`ok - ${name}`);
}

const editorValue = (selector) =>
  page.$eval(selector, (element) => element.CodeMirror.getValue());

try {
  await step('the page loads GraphiQL from the server', async () => {
    const response = await page.goto(`${BASE}/graphql`);
    if (!response || response.status() !== 200) throw new Error(`GET /graphql answered ${response?.status()}`);
    const title = await page.title();
    if (title !== '巡察监督 · GraphiQL') throw new Error(`title is "${title}"`);
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
    await page.locator('#who', { hasText: 'not signed in' }).waitFor();
    const query = await editorValue('.graphiql-query-editor .CodeMirror');
    if (!query.includes('me { displayName }')) throw new Error(`the default query is: ${query}`);
  });

  await step('a wrong password shows the server\'s message', async () => {
    await page.fill('#username', USERNAME);
    await page.fill('#password', 'not-the-password');
    await page.click('#sign-in');
    await page.locator('#login-error:not(:empty)').waitFor();
    console.log(`     #login-error: ${await page.textContent('#login-error')}`);
    const who = await page.textContent('#who');
    if (!who.includes('not signed in')) throw new Error(`#who says "${who}"`);
  });

  await step(`signs in as ${USERNAME}`, async () => {
    await page.fill('#username', USERNAME);
    await page.fill('#password', PASSWORD);
    await page.click('#sign-in');
    await page.locator('#who', { hasText: `(${USERNAME})` }).waitFor();
    console.log(`     #who: ${await page.textContent('#who')}`);
    const error = await page.textContent('#login-error');
    if (error) throw new Error(`#login-error still says "${error}"`);
  });

  await step('runs a query with the token', async () => {
    // CodeMirror 5 keeps its instance on its element; setting the value there is what typing does.
    await page.$eval('.graphiql-query-editor .CodeMirror', (element, q) => element.CodeMirror.setValue(q), QUERY);
    await page.click('.graphiql-execute-button');
    await page.waitForFunction(() => {
      const text = document.querySelector('.graphiql-response .CodeMirror')?.CodeMirror.getValue() ?? '';
      return text.includes('"displayName"') && text.includes('"totalCount"');
    });
    const result = JSON.parse(await editorValue('.graphiql-response .CodeMirror'));
    if (result.errors) throw new Error(`the query answered errors: ${JSON.stringify(result.errors)}`);
    if (typeof result.data.inspections.totalCount !== 'number') throw new Error(JSON.stringify(result));
    console.log(`     result: ${JSON.stringify(result.data)}`);
  });

  await step('the documentation explorer shows the root types', async () => {
    await page.click('button[aria-label="Show Documentation Explorer"]');
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Root Types').waitFor();
    await docs.locator('.graphiql-doc-explorer-root-type', { hasText: 'Query' }).first().waitFor();
    await docs.locator('.graphiql-doc-explorer-root-type', { hasText: 'Mutation' }).first().waitFor();
    await docs.getByRole('link', { name: 'Query', exact: true }).click();
    await docs.getByText('inspections', { exact: true }).first().waitFor();
    await page.screenshot({ path: join(shots, 'graphiql.png') });
  });

  await step('signs out', async () => {
    await page.click('#sign-out');
    await page.locator('#who', { hasText: 'not signed in' }).waitFor();
  });

  await step('nothing was asked of another host, no page or console error', async () => {
    if (blocked.length) throw new Error(`requests to another host were blocked:\n  ${blocked.join('\n  ')}`);
    if (problems.length) throw new Error(problems.join('\n'));
  });
} catch (error) {
  const shot = join(shots, 'failure.png');
  await page.screenshot({ path: shot }).catch(() => {});
  console.error(`FAILED at "${current}": ${error.message}`);
  if (blocked.length) console.error(`blocked: ${blocked.join(', ')}`);
  if (problems.length) console.error(problems.join('\n'));
  console.error(`screenshot: ${shot}`);
  await browser.close();
  process.exit(1);
}

await browser.close();
console.log(`requests to the server: ${[...loaded].sort().join(', ')}`);
console.log(`screenshot: ${join(shots, 'graphiql.png')}`);
console.log('-- GraphiQL in the browser: all clean');
