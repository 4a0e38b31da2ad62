// Browser tests of the search in the header: typing finds a member, a contract by its number
// and a service, grouped by kind under headings; the keyboard moves through the list (the
// WAI-ARIA combobox pattern) and Enter opens the record's page; Escape closes the list; `/`
// focuses the box unless one is typing in another field; the results page lists everything
// with its headings; both languages; axe finds nothing serious with the list open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from './harness.mjs';
import { AppPage, askIn, noSeriousViolations, signedInFile } from './pages.mjs';

let server;
let page;
signedInFile('demo-editor', (started) => ({ server, page } = started));

const NUMBER = 'SV-2026-0815';
const TITLE = 'Rahmenvertrag Druckstraße';

/** The search box, its list, and the app's frame. */
function box(name = 'Im Register suchen') {
  const input = page.getByRole('combobox', { name });
  return { input, app: new AppPage(page, server.baseUrl) };
}

/** Types `text` into the box (after emptying it) and waits for the list to show `option`. */
async function typeAndWait(input, text, group, option) {
  await input.fill('');
  await input.pressSequentially(text, { delay: 20 });
  const listbox = page.getByRole('listbox');
  const found = listbox.getByRole('group', { name: group }).getByRole('option', { name: option });
  await found.first().waitFor();
  assert.equal(await input.getAttribute('aria-expanded'), 'true');
  return found.first();
}

test('typing finds a member, a contract by its number and a service, grouped by kind', async () => {
  const created = await askIn(
    page,
    'mutation($input: ContractInput!) { createContract(input: $input) { id } }',
    { input: { title: TITLE, number: NUMBER, kind: 'SERVICE_AGREEMENT' } },
  );
  assert.ok(created.data?.createContract?.id, JSON.stringify(created));
  const { input, app } = box();
  await app.open('/');

  const member = await typeAndWait(input, 'Grabow', 'Organisationen', /^Stadt Grabow/);
  assert.match(await member.innerText(), /13076050/);
  // The kinds in their fixed order, each under its heading.
  const headings = await page.locator('.search-group-title').allTextContents();
  assert.equal(headings[0], 'Organisationen');
  assert.ok(headings.includes('Verträge'), headings.join(', '));
  await noSeriousViolations(page);
  await screenshot(page, 'search-open');

  const contract = await typeAndWait(input, NUMBER.toLowerCase(), 'Verträge', new RegExp(`^${TITLE}`));
  assert.match(await contract.innerText(), new RegExp(NUMBER));
  const headingsNow = await page.locator('.search-group-title').allTextContents();
  assert.deepEqual(headingsNow, ['Verträge']);

  await typeAndWait(input, 'Personalabrechnung', 'Leistungen', /^Personalabrechnung/);
  // Too short a text closes the list.
  await input.fill('P');
  await page.waitForFunction(() => document.getElementById('site-search').getAttribute('aria-expanded') === 'false');
});

test('the arrow keys move through the list, Enter opens the page, Escape closes', async () => {
  const { input, app } = box();
  await app.open('/contracts');
  const first = await typeAndWait(input, 'Stadt Grabow', 'Organisationen', /^Stadt Grabow/);
  const options = page.getByRole('listbox').getByRole('option');
  const count = await options.count();
  assert.ok(count >= 2, `${count} options`);
  // Down chooses the first, the box keeps the focus and names the chosen option.
  await input.press('ArrowDown');
  const firstId = await options.nth(0).getAttribute('id');
  assert.equal(await input.getAttribute('aria-activedescendant'), firstId);
  assert.equal(await options.nth(0).getAttribute('aria-selected'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'site-search');
  await input.press('ArrowDown');
  assert.equal(await input.getAttribute('aria-activedescendant'), await options.nth(1).getAttribute('id'));
  assert.equal(await options.nth(0).getAttribute('aria-selected'), 'false');
  await input.press('ArrowUp');
  assert.equal(await input.getAttribute('aria-activedescendant'), firstId);
  // Up from the first goes round to the last.
  await input.press('ArrowUp');
  assert.equal(await input.getAttribute('aria-activedescendant'), await options.nth(count - 1).getAttribute('id'));
  await input.press('ArrowDown');
  assert.equal(await first.getAttribute('aria-selected'), 'true');
  await input.press('Enter');
  await page.waitForURL(/\/members\//);
  await app.settled();
  assert.equal(await app.heading(), 'Stadt Grabow');
  assert.equal(await input.inputValue(), '');
  assert.equal(await input.getAttribute('aria-expanded'), 'false');

  // Escape closes the open list, a second Escape empties the box.
  await typeAndWait(input, 'Grabow', 'Organisationen', /^Stadt Grabow/);
  await input.press('Escape');
  assert.equal(await input.getAttribute('aria-expanded'), 'false');
  assert.ok(await page.getByRole('listbox').isHidden());
  assert.equal(await input.inputValue(), 'Grabow');
  await input.press('Escape');
  assert.equal(await input.inputValue(), '');
});

test('/ focuses the box, but not while typing in another field', async () => {
  const { app } = box();
  await app.open('/members');
  await page.locator('main h1').click();
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'site-search');
  assert.equal(await box().input.inputValue(), '');
  // In the list's own search field, `/` is a character like any other.
  const field = page.locator('main').getByLabel('Suche', { exact: true });
  await field.click();
  await page.keyboard.type('a/b');
  assert.equal(await field.inputValue(), 'a/b');
  assert.notEqual(await page.evaluate(() => document.activeElement.id), 'site-search');
});

test('all results: the results page lists each kind under its heading', async () => {
  const { input, app } = box();
  await app.open('/');
  await typeAndWait(input, 'Grabow', 'Organisationen', /^Stadt Grabow/);
  const all = page.getByRole('link', { name: /^Alle \d+ Treffer anzeigen$/ });
  await all.click();
  await page.waitForURL(/\/search\?q=Grabow$/);
  await app.settled();
  assert.equal(await app.heading(), 'Suche');
  const headings = await page.locator('main h2').allInnerTexts();
  assert.equal(headings[0], 'Organisationen');
  await page.locator('main').getByRole('link', { name: 'Stadt Grabow', exact: true }).waitFor();
  await noSeriousViolations(page);
  await screenshot(page, 'search-results');
  await page.locator('main').getByRole('link', { name: 'Stadt Grabow', exact: true }).click();
  await app.settled();
  assert.equal(await app.heading(), 'Stadt Grabow');
});

test('in English the box, its headings and the results page speak English', async () => {
  const { app } = box();
  await app.open('/');
  await app.switchLanguage('English');
  try {
    const { input } = box('Search the register');
    assert.equal(await input.getAttribute('placeholder'), 'Search … (key /)');
    await typeAndWait(input, 'Grabow', 'Organisations', /^Stadt Grabow/);
    const headings = await page.locator('.search-group-title').allTextContents();
    assert.ok(headings.includes('Contracts'), headings.join(', '));
    await page.getByRole('link', { name: /^Show all \d+ results$/ }).waitFor();
    await noSeriousViolations(page);
    await screenshot(page, 'search-open-en');
    await input.press('ArrowDown');
    await input.press('Enter');
    await page.waitForURL(/\/members\//);
    await app.settled();
    await app.open('/search?q=x');
    assert.match(await app.mainText(), /Please type at least 2 characters\./);
  } finally {
    await app.switchLanguage('Deutsch');
  }
});
