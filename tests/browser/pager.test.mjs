// Browser tests of the pager under the lists, on the benchmark's data set (1,000 member
// organisations, 10,000 contracts, 200 services) on PostgreSQL, with the public record and the
// demo beside it: every page of a list is reached, the page lives in the URL (reload, Back,
// a link sent on), the size can be chosen, a filter starts again at the first page, and the
// pager is operated by keyboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seriousViolations, screenshot } from './harness.mjs';
import { benchRegister } from './bench-register.mjs';
import { AppPage, askIn, signedInFile } from './pages.mjs';

const register = benchRegister('pager', 'pager tests');
const { skip } = register;

let server;
let page;
let app;
signedInFile('demo-viewer', (started) => {
  ({ server, page } = started);
  app = new AppPage(page, server.baseUrl);
}, { path: '/contracts', register });

const CONTRACTS = `query($first: Int!, $offset: Int) {
  contracts(orderBy: { field: EFFECTIVE_FROM, direction: ASC }, first: $first, offset: $offset) {
    totalCount nodes { title } } }`;
const MEMBERS = `query($first: Int!, $offset: Int) {
  members(orderBy: { field: NAME, direction: ASC }, first: $first, offset: $offset) {
    totalCount nodes { name } } }`;

/** The titles (or names) of `list` as the API pages it, `first` from `offset`. */
async function api(query, list, first, offset) {
  const data = (await askIn(page, query, { first, offset })).data[list];
  return { total: data.totalCount, names: data.nodes.map((n) => n.title ?? n.name) };
}

/** The pager's parts. */
function pager() {
  const nav = page.getByRole('navigation', { name: 'Seiten' });
  return {
    nav,
    status: () => nav.getByRole('status').innerText(),
    here: () => nav.locator('.pager-here').innerText(),
    link: (name) => nav.getByRole('link', { name, exact: true }),
  };
}

/** The first cell of each row of the list's table. */
async function firstCells() {
  return (await app.rows()).map((cells) => cells[0]);
}

/** Waits until the address has `page` (none for the first page) and the list was drawn anew. */
async function onPage(n, size = 50) {
  await page.waitForFunction(([n, size]) => {
    const q = new URLSearchParams(location.search);
    const rows = document.querySelectorAll('main table tbody tr').length;
    const status = document.querySelector('nav.pager [role=status]')?.textContent ?? '';
    return (q.get('page') ?? '1') === String(n) && rows > 0
      && status.startsWith(`Zeilen ${((n - 1) * size + 1).toLocaleString('de-DE')}–`);
  }, [n, size]);
  await app.settled();
}

/** A title as the list's first cell shows it: the title, then its number when it has one. */
function startsAs(cells, titles) {
  assert.equal(cells.length, titles.length, JSON.stringify(cells));
  cells.forEach((cell, i) => assert.ok(cell.startsWith(titles[i]), `${cell} / ${titles[i]}`));
}

test('the contracts list pages through all 10,000 contracts, the page kept in the URL', { skip }, async () => {
  const first = await api(CONTRACTS, 'contracts', 50, 0);
  assert.ok(first.total > 10_000, `the data set and the demo: ${first.total}`);
  const pages = Math.ceil(first.total / 50);
  const p = pager();
  await onPage(1);
  startsAs(await firstCells(), first.names);
  assert.equal(await p.status(), `Zeilen 1–50 von ${first.total.toLocaleString('de-DE')}`);
  assert.equal(await p.here(), `Seite 1 von ${pages}`);
  // No page before the first.
  assert.equal(await p.link('Vorige Seite').count(), 0);

  await p.link('Nächste Seite').click();
  await onPage(2);
  startsAs(await firstCells(), (await api(CONTRACTS, 'contracts', 50, 50)).names);
  assert.equal(await p.status(), `Zeilen 51–100 von ${first.total.toLocaleString('de-DE')}`);

  // A reload, and the address sent to a colleague, show the same page.
  await page.reload();
  await onPage(2);
  startsAs(await firstCells(), (await api(CONTRACTS, 'contracts', 50, 50)).names);

  // The last page holds what is left.
  await p.link('Letzte Seite').click();
  await onPage(pages);
  const rest = first.total - (pages - 1) * 50;
  startsAs(await firstCells(), (await api(CONTRACTS, 'contracts', 50, (pages - 1) * 50)).names);
  assert.equal((await firstCells()).length, rest);
  assert.equal(await p.link('Nächste Seite').count(), 0);
  await screenshot(page, 'pager-contracts-last');

  // Back returns to the page before.
  await page.goBack();
  await onPage(2);
});

test('the page size is chosen, and a page is reached by its number', { skip }, async () => {
  await app.open('/contracts?page=3');
  await onPage(3);
  const p = pager();
  await p.nav.getByLabel('Zeilen je Seite').selectOption('100');
  // Another size starts at the first page.
  await onPage(1, 100);
  assert.match(page.url(), /size=100/);
  assert.equal((await firstCells()).length, 100);
  await p.nav.getByLabel('Zu Seite').fill('37');
  await p.nav.getByLabel('Zu Seite').press('Enter');
  await onPage(37, 100);
  startsAs(await firstCells(), (await api(CONTRACTS, 'contracts', 100, 3600)).names);
  // A number beyond the last page goes to the last.
  const total = (await api(CONTRACTS, 'contracts', 1, 0)).total;
  await p.nav.getByLabel('Zu Seite').fill('99999');
  await p.nav.getByRole('button', { name: 'Anzeigen' }).click();
  await onPage(Math.ceil(total / 100), 100);
});

test('the pager is operated by keyboard and has no serious accessibility violations', { skip }, async () => {
  await app.open('/contracts?page=5');
  await onPage(5);
  const p = pager();
  await p.link('Vorige Seite').focus();
  await page.keyboard.press('Enter');
  await onPage(4);
  // Tab reaches the links in order from the first.
  await p.link('Erste Seite').focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Vorige Seite');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Nächste Seite');
  assert.deepEqual(await seriousViolations(page), []);
  await screenshot(page, 'pager-contracts');
});

test('a filter starts again at the first page; the members list pages too', { skip }, async () => {
  await app.open('/contracts?page=4');
  await onPage(4);
  await page.getByRole('search').getByLabel('Suche').fill('Beispiel');
  await page.waitForFunction(() => !new URLSearchParams(location.search).has('page')
    && new URLSearchParams(location.search).get('q') === 'Beispiel');
  await app.settled();
  await page.locator('main table').waitFor();
  // Five samples fit on one page: no pager.
  assert.equal(await pager().nav.count(), 0);
  assert.equal((await firstCells()).length, 5);

  await app.open('/members?page=3');
  await onPage(3);
  const members = await api(MEMBERS, 'members', 50, 100);
  assert.ok(members.total > 1000, `${members.total}`);
  startsAs(await firstCells(), members.names);
  // A page that lies beyond the end says so and leads back.
  await app.open('/members?page=999');
  await pager().nav.waitFor();
  assert.equal(await pager().status(), 'Diese Seite liegt hinter dem Ende der Liste.');
  await pager().link('Erste Seite').click();
  await onPage(1);
});
