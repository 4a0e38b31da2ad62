// Browser tests of the forms' comboboxes on the benchmark's data set (1,000 member
// organisations, 10,000 contracts, 200 services) on PostgreSQL, with the public record and
// the demo beside it: an editor finds and takes any organisation, not only the first hundred,
// by typing part of its name and choosing with the keyboard, and the form saves the record
// taken.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seriousViolations, screenshot } from './harness.mjs';
import { benchRegister } from './bench-register.mjs';
import { AppPage, askIn, openForm, section, signedInFile } from './pages.mjs';

const register = benchRegister('choices', 'combobox tests');
const { skip } = register;

let server;
let page;
let app;
signedInFile('demo-editor', (started) => {
  ({ server, page } = started);
  app = new AppPage(page, server.baseUrl);
}, { path: '/contracts', register });

test('an editor adds the 101st organisation and one far beyond as parties, found by typing and taken with the keyboard', { skip }, async () => {
  const names = await askIn(page, '{ organisations(orderBy: {field: NAME, direction: ASC}, first: 1, offset: 100) { totalCount nodes { name } } }');
  const hundredFirst = names.data.organisations.nodes[0].name;
  assert.ok(names.data.organisations.totalCount > 1000, JSON.stringify(names));
  await app.open(`/contracts?q=${encodeURIComponent('Stadt Grabow')}`);
  await page.getByRole('link', { name: /Stadt Grabow/ }).first().click();
  await app.settled();
  for (const name of [hundredFirst, 'Mitglied 0777 (Stadt)']) {
    // The page is drawn again after each change, its forms closed.
    const add = await openForm(page, 'Vertragspartei hinzufügen');
    const box = add.getByRole('combobox', { name: 'Organisation', exact: true });
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    await box.focus();
    await box.fill('');
    await page.keyboard.type(name.slice(0, 13));
    const offers = add.getByRole('listbox');
    await offers.getByRole('option', { name, exact: true }).waitFor();
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    // Down to the offer, by keyboard alone.
    const all = await offers.getByRole('option').allInnerTexts();
    const at = all.indexOf(name);
    assert.ok(at >= 0, JSON.stringify(all));
    for (let i = 0; i <= at; i += 1) await page.keyboard.press('ArrowDown');
    const active = await box.getAttribute('aria-activedescendant');
    assert.equal(await page.locator(`[id="${active}"]`).innerText(), name);
    if (name === hundredFirst) {
      // The open list, its offer marked, is as accessible as the rest.
      assert.deepEqual(await seriousViolations(page), []);
      await screenshot(page, 'choices-01-offered');
    }
    await page.keyboard.press('Enter');
    assert.equal(await box.inputValue(), name);
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    // With the list closed, Enter sends the form.
    await page.keyboard.press('Enter');
    await section(page, 'parties').getByRole('rowheader', { name, exact: true }).waitFor();
  }
  await screenshot(page, 'choices-02-added');
});

test('a text that names no record takes none: the browser asks for the organisation', { skip }, async () => {
  await app.open(`/contracts?q=${encodeURIComponent('Stadt Lübz')}`);
  await page.getByRole('link', { name: /Stadt Lübz/ }).first().click();
  await app.settled();
  const add = await openForm(page, 'Vertragspartei hinzufügen');
  const box = add.getByRole('combobox', { name: 'Organisation', exact: true });
  await box.fill('Mitglied 99999');
  await add.getByRole('listbox').getByText('Nichts gefunden.').waitFor();
  await page.keyboard.press('Escape');
  await add.getByRole('button', { name: 'Hinzufügen' }).click();
  const error = page.locator('[id="add-party-organisationId-error"]');
  await error.waitFor();
  assert.match(await error.innerText(), /Organisation/);
});
