// Browser tests of the printable reports: a member's page, the desk and the coverage page link
// to their report, which opens in a new tab with its own stylesheet (allowed by the page's
// Content-Security-Policy, nothing refused) and prints to A4.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppPage, askIn, signedInFile } from './pages.mjs';

let server;
let browser;
let page;
signedInFile('demo-viewer', (started) => ({ server, browser, page } = started));

/** Follows the link "Bericht drucken" of the page: the tab it opens, loaded, and what the
 *  tab's console said about the Content-Security-Policy. */
async function openReport() {
  const link = page.getByRole('link', { name: 'Bericht drucken', exact: true });
  assert.equal(await link.getAttribute('target'), '_blank');
  const [tab] = await Promise.all([browser.context.waitForEvent('page'), link.click()]);
  const refused = [];
  tab.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  await tab.waitForLoadState('load');
  return { tab, refused, href: await link.getAttribute('href') };
}

/** Whether the report's stylesheet applies: its table headers are grey. */
function styled(tab) {
  return tab.evaluate(() => getComputedStyle(document.querySelector('th')).backgroundColor);
}

test("a member's page opens its dossier, styled and printable", async () => {
  const answer = await askIn(page, '{ organisations(filter: {search: "Stadt Grabow"}) { nodes { id name } } }');
  const grabow = answer.data.organisations.nodes.find((node) => node.name === 'Stadt Grabow');
  const app = new AppPage(page, server.baseUrl);
  await app.open(`/members/${grabow.id}?asOf=2024-06-30`);
  const { tab, refused, href } = await openReport();
  assert.equal(href, `/report/member/${grabow.id}.html?asOf=2024-06-30&lang=de`);
  assert.equal(await tab.locator('h1').innerText(), 'Mitgliedsakte: Stadt Grabow');
  assert.equal(await styled(tab), 'rgb(238, 238, 238)');
  assert.deepEqual(refused, []);
  const pdf = await tab.pdf({ preferCSSPageSize: true });
  assert.ok(pdf.subarray(0, 5).toString() === '%PDF-', 'a PDF');
  await tab.close();
});

test('the desk and the coverage page open their reports', async () => {
  const app = new AppPage(page, server.baseUrl);
  await app.open('/desk?window=30');
  let { tab, refused, href } = await openReport();
  assert.match(href, /^\/report\/deadlines\.html\?to=\d{4}-\d{2}-\d{2}&lang=de$/);
  assert.equal(await tab.locator('h1').innerText(), 'Fristenbericht');
  // The demo's samples have a notice deadline within a week.
  assert.ok((await tab.locator('tbody tr').count()) >= 1);
  assert.deepEqual(refused, []);
  await tab.close();

  await app.open('/coverage?asOf=2024-06-30');
  ({ tab, refused, href } = await openReport());
  assert.equal(href, '/report/coverage.html?asOf=2024-06-30&lang=de');
  assert.equal(await tab.locator('h1').innerText(), 'Leistungsmatrix');
  assert.equal(await styled(tab), 'rgb(238, 238, 238)');
  assert.deepEqual(refused, []);
  await tab.close();
});
