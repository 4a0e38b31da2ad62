// Browser tests of the forms for an organisation's people and key figures: an editor adds a
// person and a figure on the organisation's page, is refused a wrong value with the field
// named before anything is sent, saves, sees the change on the page and in the record's
// changes, and removes what was recorded in error. The open forms pass axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seriousViolations, screenshot } from './harness.mjs';
import { AppPage, askIn, pickRecord, section, signedInAs, signedInFile } from './pages.mjs';

let server;
let browser;
let page;
signedInFile('demo-editor', (started) => ({ server, browser, page } = started));

async function openGrabow() {
  const app = new AppPage(page, server.baseUrl);
  await app.open('/members?asOf=2019-01-01');
  await page.getByRole('link', { name: 'Stadt Grabow', exact: true }).click();
  await app.settled();
  assert.equal(await app.heading(), 'Stadt Grabow');
  return app;
}

/** The `<details>` whose summary says `summary`. */
function disclosure(summary) {
  return page.locator('details', { has: page.locator(':scope > summary', { hasText: summary }) });
}

/** Collects the GraphQL requests the page sends until `stop` is called. */
function recordRequests() {
  const sent = [];
  const count = (request) => { if (request.url().endsWith('/graphql')) sent.push(request.postData()); };
  page.on('request', count);
  return { sent, stop: () => page.off('request', count) };
}

test('an editor adds a person, is refused a last day before the first, and sees the change and its history', async () => {
  const app = await openGrabow();
  const add = disclosure('Person hinzufügen');
  await add.locator('summary').click();
  await add.getByLabel('Name der Person', { exact: true }).fill('Erika Muster');
  await add.getByLabel('Funktion', { exact: true }).fill('Kämmerin');
  await add.getByLabel('Von', { exact: true }).fill('2020-02-01');
  await add.getByLabel('Bis', { exact: true }).fill('2019-12-31');
  const problems = await seriousViolations(page);
  assert.deepEqual(problems, [], JSON.stringify(problems, null, 2));
  // The domain's rule, checked in the browser: nothing is sent, the field says why.
  const requests = recordRequests();
  await add.getByRole('button', { name: 'Person hinzufügen' }).click();
  const error = page.locator('#new-person-until-error');
  await error.waitFor();
  requests.stop();
  assert.deepEqual(requests.sent, []);
  assert.equal(await add.getByLabel('Bis', { exact: true }).getAttribute('aria-invalid'), 'true');
  await add.getByLabel('Bis', { exact: true }).fill('');
  await add.getByRole('button', { name: 'Person hinzufügen' }).click();
  const people = section(page, 'people');
  await people.getByText('Erika Muster').waitFor();
  assert.ok((await app.rows(people.locator('table'))).some(
    (row) => row[0] === 'Erika Muster' && row[1] === 'Kämmerin' && row[2] === '01.02.2020',
  ));

  // She leaves the role: the last day is recorded, and her changes say so.
  const change = disclosure('Erika Muster ändern');
  await change.locator(':scope > summary').click();
  await change.getByLabel('Bis', { exact: true }).fill('2024-06-30');
  await change.getByRole('button', { name: 'Speichern' }).click();
  await people.getByText('30.06.2024').waitFor();
  const again = disclosure('Erika Muster ändern');
  await again.locator(':scope > summary').click();
  const history = again.locator('details', { has: page.locator('summary', { hasText: 'Änderungen' }) });
  await history.locator('summary').click();
  await history.getByText('updatePerson').waitFor();
  const entries = await history.innerText();
  assert.match(entries, /until: – → 2024-06-30/);
  assert.match(entries, /createPerson/);
  const open = await seriousViolations(page);
  assert.deepEqual(open, [], JSON.stringify(open, null, 2));
  await screenshot(page, 'people-history');

  // Recorded in error after all: removed.
  await again.getByRole('button', { name: 'Person entfernen' }).click();
  await people.getByText('Erika Muster').waitFor({ state: 'detached' });
  assert.equal(await app.status(), 'Die Änderung wurde gespeichert.');
});

test('an editor picks the source of a person and of a key figure, and changes it', async () => {
  await openGrabow();
  const add = disclosure('Person hinzufügen');
  await add.locator('summary').click();
  await add.getByLabel('Name der Person', { exact: true }).fill('Quentin Quelle');
  await add.getByLabel('Funktion', { exact: true }).fill('Bürgermeister');
  await pickRecord(add, 'Quelle', 'Neue Träger für den KSM');
  await add.getByRole('button', { name: 'Person hinzufügen' }).click();
  const people = section(page, 'people');
  await people.getByText('Quentin Quelle').waitFor();
  const sourceOf = async (name) => {
    const answer = await askIn(page, `{ organisations(filter: {search: "Stadt Grabow"}, first: 5) {
      nodes { name people { name source { title } } figures { value source { title } } } } }`);
    const grabow = answer.data.organisations.nodes.find((o) => o.name === 'Stadt Grabow');
    return grabow.people.find((p) => p.name === name)?.source?.title ?? null;
  };
  assert.equal(await sourceOf('Quentin Quelle'), 'Neue Träger für den KSM');

  // The change form holds the source, and emptying it removes it.
  const change = disclosure('Quentin Quelle ändern');
  await change.locator(':scope > summary').click();
  const held = change.getByRole('combobox', { name: 'Quelle', exact: true });
  assert.equal(await held.inputValue(), 'Neue Träger für den KSM');
  await held.fill('');
  const saved = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('UpdatePerson'));
  await change.getByRole('button', { name: 'Speichern' }).click();
  await (await saved).finished();
  assert.equal(await sourceOf('Quentin Quelle'), null);

  // A key figure takes its source the same way.
  const figure = disclosure('Kennzahl hinzufügen');
  await figure.locator('summary').click();
  await figure.getByLabel('Wert', { exact: true }).fill('4711');
  await figure.getByLabel('Stand', { exact: true }).fill('01.03.2021');
  await pickRecord(figure, 'Quelle', 'Neue Träger für den KSM');
  await figure.getByRole('button', { name: 'Kennzahl hinzufügen' }).click();
  await section(page, 'figures').getByText('4.711').waitFor();
  const answer = await askIn(page, '{ organisations(filter: {search: "Stadt Grabow"}, first: 5) { nodes { name figures { value source { title } } } } }');
  const grabow = answer.data.organisations.nodes.find((o) => o.name === 'Stadt Grabow');
  assert.equal(grabow.figures.find((f) => f.value === 4711)?.source?.title, 'Neue Träger für den KSM');
});

test('an editor adds a key figure, is refused a negative value, changes it and sees its history', async () => {
  const app = await openGrabow();
  const add = disclosure('Kennzahl hinzufügen');
  await add.locator('summary').click();
  await add.getByLabel('Kennzahl', { exact: true }).selectOption('WORKSTATIONS');
  await add.getByLabel('Genauigkeit', { exact: true }).selectOption('ABOUT');
  await add.getByLabel('Wert', { exact: true }).fill('-5');
  await add.getByLabel('Stand', { exact: true }).fill('2024-01-01');
  const problems = await seriousViolations(page);
  assert.deepEqual(problems, [], JSON.stringify(problems, null, 2));
  const requests = recordRequests();
  await add.getByRole('button', { name: 'Kennzahl hinzufügen' }).click();
  await page.locator('#new-figure-value-error').waitFor();
  requests.stop();
  assert.deepEqual(requests.sent, []);
  assert.match(await page.locator('#new-figure-value-error').innerText(), /darf nicht negativ sein/);
  await add.getByLabel('Wert', { exact: true }).fill('180');
  await add.getByRole('button', { name: 'Kennzahl hinzufügen' }).click();
  const figures = section(page, 'figures');
  await figures.getByText('180').waitFor();
  assert.match(await figures.innerText(), /Arbeitsplätze\s+etwa 180\s+01\.01\.2024/);

  const change = disclosure('Arbeitsplätze (Stand 01.01.2024) ändern');
  await change.locator(':scope > summary').click();
  await change.getByLabel('Genauigkeit', { exact: true }).selectOption('EXACT');
  await change.getByLabel('Wert', { exact: true }).fill('184');
  await change.getByRole('button', { name: 'Speichern' }).click();
  await figures.getByText('184').waitFor();
  const again = disclosure('Arbeitsplätze (Stand 01.01.2024) ändern');
  await again.locator(':scope > summary').click();
  const history = again.locator('details', { has: page.locator('summary', { hasText: 'Änderungen' }) });
  await history.locator('summary').click();
  await history.getByText('updateKeyFigure').waitFor();
  assert.match(await history.innerText(), /value: 180 → 184/);
  await screenshot(page, 'figure-history');

  // Removed: gone from the register once the server has answered, and, once the page has
  // reloaded, from the page (which still shows the figures other tests left, or no section
  // when there are none, as while it loads).
  const removed = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('DeleteKeyFigure'));
  await again.getByRole('button', { name: 'Kennzahl entfernen' }).click();
  const answer = await (await removed).json();
  assert.equal(answer.errors, undefined, JSON.stringify(answer));
  await page.waitForFunction(() => {
    const shown = document.querySelector('section[aria-labelledby="figures-heading"]');
    return !shown || !/\b184\b/.test(shown.textContent);
  });
  await app.settled();
  const left = await askIn(page, '{ organisations(filter: {search: "Stadt Grabow"}, first: 5) { nodes { name figures { value } } } }');
  const grabow = left.data.organisations.nodes.find((o) => o.name === 'Stadt Grabow');
  assert.ok(!grabow.figures.some((f) => f.value === 184), JSON.stringify(grabow));
  assert.doesNotMatch(await page.locator('main').innerText(), /Arbeitsplätze\s+184/);
});

test('a change to a person someone else changed meanwhile is refused with a way to reload', async () => {
  await openGrabow();
  const org = decodeURIComponent(page.url().split('/members/')[1].split('?')[0]);
  const input = { organisationId: org, name: 'Max Beispiel', role: 'Amtsleiter' };
  const created = await askIn(page, 'mutation($input: PersonInput!) { createPerson(input: $input) { id version } }', { input });
  const person = created.data?.createPerson;
  assert.ok(person, JSON.stringify(created));
  await openGrabow();
  const change = disclosure('Max Beispiel ändern');
  await change.locator(':scope > summary').click();
  const other = await askIn(
    page,
    'mutation($id: ID!, $v: Int!, $input: PersonInput!) { updatePerson(id: $id, version: $v, input: $input) { version } }',
    { id: person.id, v: person.version, input: { ...input, role: 'Leiter des Hauptamts' } },
  );
  assert.equal(other.data?.updatePerson?.version, 2, JSON.stringify(other));
  await change.getByLabel('Funktion', { exact: true }).fill('Amtsleiter Finanzen');
  await change.getByRole('button', { name: 'Speichern' }).click();
  await page.getByText(/Jemand hat diesen Eintrag geändert/).waitFor();
  await page.getByRole('button', { name: 'Aktuellen Stand laden' }).click();
  await section(page, 'people').getByText('Leiter des Hauptamts').waitFor();
  assert.doesNotMatch(await section(page, 'people').innerText(), /Amtsleiter Finanzen/);
});

test('a viewer sees the people but no forms to change people or figures', async () => {
  const viewer = await signedInAs(server, 'demo-viewer', '/members?asOf=2019-01-01');
  try {
    await viewer.page.getByRole('link', { name: 'Stadt Grabow', exact: true }).click();
    await viewer.app.settled();
    await section(viewer.page, 'people').getByText('Stefan Sternberg').waitFor();
    const summaries = await viewer.page.locator('summary').allInnerTexts();
    assert.ok(!summaries.some((s) => /Person|Kennzahl|ändern/.test(s)), JSON.stringify(summaries));
  } finally {
    await viewer.browser.close();
  }
});
