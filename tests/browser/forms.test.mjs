// Browser tests of the forms on the record pages for coverages (on a member's page) and for a
// contract's parties: checked in the browser by the domain's rules, refused by the server
// next to the input, saved and shown with their history, refused when someone else changed
// the record meanwhile, and free of serious accessibility problems while open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from './harness.mjs';
import {
  AppPage, askIn, contractChangedMeanwhile, noSeriousViolations, openContract, openForm, openMember, pickRecord, recordRequests, refusedAt, section, signedInAs, signedInFile,
} from './pages.mjs';

/** The summary of the forms of a member's coverage of the operation of its administration. */
const OPERATION = /^Gesamter IT-Betrieb der Kernverwaltung ab/;

let server;
let browser;
let page;
signedInFile('demo-editor', (started) => ({ server, browser, page } = started));

/** The rows of the member page's coverage table whose service is `service`. */
async function coverageRows(app, service) {
  const rows = await app.rows(section(app.page, 'coverage').locator('table'));
  return rows.filter((cells) => cells[0] === service);
}

/** The changes of a coverage, shown open under its summary at once after a form of it was sent. */
async function coverageChanges(tab, summary, operation) {
  const details = tab.locator('details', { has: tab.locator('summary', { hasText: summary }) });
  const table = details.locator('table');
  await table.getByText(operation).first().waitFor();
  assert.equal(await details.getAttribute('open'), '');
  return { details, text: await table.innerText() };
}

test('an editor records a coverage: the browser refuses a missing service and a negative count next to their inputs, then the page and its history show it', async () => {
  const app = new AppPage(page, server.baseUrl);
  await openMember(app, 'Stadt Wittenburg', '/members');
  const form = await openForm(page, 'Bezogene Leistung erfassen');
  await form.getByLabel('Leistung', { exact: true }).waitFor();
  // Nothing chosen, a negative count and an end before the start: all asked for in the
  // browser, by the domain's rules, without a request.
  const requests = recordRequests(page);
  await form.getByLabel('Erster Tag der Leistung').fill('2025-03-01');
  await form.getByLabel('Letzter Tag der Leistung').fill('2025-02-01');
  await form.getByLabel('Arbeitsplätze', { exact: true }).fill('-5');
  await form.getByRole('button', { name: 'Anlegen' }).click();
  await refusedAt(form, 'Leistung', 'new-coverage-serviceId-error', /Leistung/);
  await refusedAt(form, 'Arbeitsplätze', 'new-coverage-workstations-error', /darf nicht negativ sein/);
  await refusedAt(form, 'Letzter Tag der Leistung', 'new-coverage-endsOn-error', /vor seinem Beginn/);
  assert.match(await app.status(), /markierten Eingaben/);
  requests.stop();
  assert.deepEqual(requests.sent, []);
  await noSeriousViolations(page);
  await screenshot(page, 'forms-01-coverage-refused');

  await pickRecord(form, 'Leistung', 'Druck und Kuvertierung');
  await form.getByLabel('Letzter Tag der Leistung').fill('');
  await form.getByLabel('Arbeitsplätze', { exact: true }).fill('40');
  await form.getByLabel('Nutzer', { exact: true }).fill('55');
  await form.getByRole('button', { name: 'Anlegen' }).click();
  await section(page, 'coverage').getByRole('rowheader', { name: 'Druck und Kuvertierung' }).waitFor();
  const [row] = await coverageRows(app, 'Druck und Kuvertierung');
  assert.deepEqual([row[3], row[6], row[7]], ['01.03.2025', '40', '55']);
  assert.match(await app.status(), /gespeichert/);
  const { text } = await coverageChanges(page, 'Druck und Kuvertierung ab 01.03.2025', 'createCoverage');
  assert.match(text, /angelegt/);
  await screenshot(page, 'forms-02-coverage-created');
});

test('an editor changes a coverage\'s counts and ends it; the page and the coverage\'s history show both', async () => {
  const app = new AppPage(page, server.baseUrl);
  await openMember(app, 'Stadt Lübz', '/members');
  const summary = OPERATION;
  let form = await openForm(page, summary);
  // The coverage's first changes are loaded when it is opened.
  await form.locator('table, .state-empty').first().waitFor();
  await form.getByLabel('Nutzer', { exact: true }).fill('-1');
  await form.getByRole('button', { name: 'Speichern' }).click();
  const usersError = await form.locator('[id$="-users-error"]').getAttribute('id');
  await refusedAt(form, 'Nutzer', usersError, /darf nicht negativ sein/);
  await noSeriousViolations(page);
  await form.getByLabel('Arbeitsplätze', { exact: true }).fill('120');
  await form.getByLabel('Nutzer', { exact: true }).fill('150');
  await form.getByRole('button', { name: 'Speichern' }).click();
  await section(page, 'coverage').getByRole('cell', { name: '120' }).waitFor();
  const [row] = await coverageRows(app, 'Gesamter IT-Betrieb der Kernverwaltung');
  assert.deepEqual([row[6], row[7]], ['120', '150']);
  let changes = await coverageChanges(page, summary, 'updateCoverage');
  assert.match(changes.text, /workstations: – → 120/);
  assert.match(changes.text, /users: – → 150/);

  // The last day: before the first is refused in the browser, a later one is recorded.
  form = changes.details;
  const last = form.getByLabel('Letzter Tag der Leistung');
  await last.fill('2001-01-01');
  await form.getByRole('button', { name: 'Leistung beenden' }).click();
  const endError = await form.locator('[id$="-endsOn-error"]').getAttribute('id');
  await refusedAt(form, 'Letzter Tag der Leistung', endError, /vor seinem Beginn/);
  await last.fill('2026-06-30');
  await form.getByRole('button', { name: 'Leistung beenden' }).click();
  await section(page, 'coverage').getByRole('cell', { name: '30.06.2026' }).waitFor();
  changes = await coverageChanges(page, summary, 'endCoverage');
  assert.match(changes.text, /ends_on: – → 2026-06-30/);
  // An ended coverage offers no end any more.
  assert.equal(await changes.details.getByRole('button', { name: 'Leistung beenden' }).count(), 0);
  await screenshot(page, 'forms-03-coverage-ended');
});

test('a coverage changed by another account meanwhile is refused with a conflict and a way to reload', async () => {
  const app = new AppPage(page, server.baseUrl);
  await openMember(app, 'Stadt Ludwigslust', '/members');
  const summary = OPERATION;
  const form = await openForm(page, summary);
  assert.equal(await form.getByLabel('Arbeitsplätze', { exact: true }).inputValue(), '83');
  // An admin at another desk changes the same coverage first, in the app.
  const admin = await signedInAs(server, 'demo-admin', '/members');
  try {
    await openMember(admin.app, 'Stadt Ludwigslust', '/members');
    const theirs = await openForm(admin.page, summary);
    await theirs.getByLabel('Arbeitsplätze', { exact: true }).fill('90');
    await theirs.getByRole('button', { name: 'Speichern' }).click();
    await section(admin.page, 'coverage').getByRole('cell', { name: '90' }).waitFor();
  } finally {
    await admin.browser.close();
  }
  await form.getByLabel('Arbeitsplätze', { exact: true }).fill('85');
  await form.getByRole('button', { name: 'Speichern' }).click();
  await page.getByText(/Jemand hat diesen Eintrag geändert/).waitFor();
  await screenshot(page, 'forms-04-coverage-conflict');
  await page.getByRole('button', { name: 'Aktuellen Stand laden' }).click();
  await section(page, 'coverage').getByRole('cell', { name: '90' }).waitFor();
  const [row] = await coverageRows(app, 'Gesamter IT-Betrieb der Kernverwaltung');
  assert.equal(row[6], '90');
  const { text } = await coverageChanges(page, summary, 'updateCoverage');
  assert.match(text, /demo-admin/);
  assert.match(text, /workstations: 83 → 90/);
  assert.doesNotMatch(text, /→ 85/);
});

test('an editor adds a party to a contract and removes it; the browser refuses none and a party twice, the parties and the history show each change', async () => {
  const app = new AppPage(page, server.baseUrl);
  await openContract(app, 'Stadt Neustadt-Glewe');
  const parties = section(page, 'parties');
  const add = await openForm(page, 'Vertragspartei hinzufügen');
  const org = add.getByLabel('Organisation', { exact: true });
  await org.waitFor();
  const requests = recordRequests(page);
  await add.getByRole('button', { name: 'Hinzufügen' }).click();
  await refusedAt(add, 'Organisation', 'add-party-organisationId-error', /Organisation/);
  await pickRecord(add, 'Organisation', 'Stadt Neustadt-Glewe');
  await add.getByRole('button', { name: 'Hinzufügen' }).click();
  await refusedAt(add, 'Organisation', 'add-party-organisationId-error', /bereits Vertragspartei/);
  requests.stop();
  // The combobox asked for organisations by name; nothing was sent to be changed.
  assert.deepEqual(requests.sent.filter((body) => !body.includes('"operationName":"PickOrganisations"')), []);
  assert.equal(requests.sent.length, 1);
  await noSeriousViolations(page);
  await screenshot(page, 'forms-05-party-refused');

  await pickRecord(add, 'Organisation', 'Landkreis Ludwigslust-Parchim');
  await add.getByRole('combobox', { name: 'Funktion' }).selectOption({ label: 'Partner' });
  await add.getByRole('button', { name: 'Hinzufügen' }).click();
  await parties.getByRole('rowheader', { name: 'Landkreis Ludwigslust-Parchim' }).waitFor();
  let rows = await app.rows(parties.locator('table'));
  let byName = Object.fromEntries(rows.map((cells) => [cells[0], cells[2]]));
  assert.deepEqual(byName, {
    'Kommunalservice Mecklenburg': 'Dienstleister',
    'Stadt Neustadt-Glewe': 'Mitglied',
    'Landkreis Ludwigslust-Parchim': 'Partner',
  });
  const changes = section(page, 'changes');
  await changes.getByText('addContractParty').first().waitFor();

  const remove = await openForm(page, 'Vertragspartei entfernen');
  await remove.getByRole('button', { name: 'Entfernen' }).click();
  await refusedAt(remove, 'Organisation', 'remove-party-organisationId-error', /Organisation/);
  await noSeriousViolations(page);
  await remove.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Landkreis Ludwigslust-Parchim' });
  await remove.getByRole('button', { name: 'Entfernen' }).click();
  await changes.getByText('removeContractParty').first().waitFor();
  rows = await app.rows(parties.locator('table'));
  byName = Object.fromEntries(rows.map((cells) => [cells[0], cells[2]]));
  assert.deepEqual(byName, { 'Kommunalservice Mecklenburg': 'Dienstleister', 'Stadt Neustadt-Glewe': 'Mitglied' });
  await screenshot(page, 'forms-06-party-removed');
});

test('a party added to a contract another account changed meanwhile is refused with a conflict and a way to reload', async () => {
  const app = new AppPage(page, server.baseUrl);
  await openContract(app, 'Stadt Grabow');
  const add = await openForm(page, 'Vertragspartei hinzufügen');
  const org = add.getByLabel('Organisation', { exact: true });
  await org.waitFor();
  // An admin at another desk adds a party to the same contract first.
  await contractChangedMeanwhile(
    server, page, 'Amt Zarrentin',
    'mutation($id: ID!, $v: Int!, $org: ID!) { addContractParty(contractId: $id, version: $v, party: { organisationId: $org, role: "PARTNER" }) { version } }',
    'addContractParty',
  );
  await pickRecord(add, 'Organisation', 'Stadt Boizenburg/Elbe');
  await add.getByRole('button', { name: 'Hinzufügen' }).click();
  await page.getByText(/Jemand hat diesen Eintrag geändert/).waitFor();
  await page.getByRole('button', { name: 'Aktuellen Stand laden' }).click();
  const parties = section(page, 'parties');
  await parties.getByRole('rowheader', { name: 'Amt Zarrentin' }).waitFor();
  assert.equal(await parties.getByRole('rowheader', { name: 'Stadt Boizenburg/Elbe' }).count(), 0);
  const changes = section(page, 'changes');
  await changes.getByText('addContractParty').first().waitFor();
  assert.match(await changes.innerText(), /demo-admin/);
});

test('a viewer sees no coverage or party forms', async () => {
  const viewer = await signedInAs(server, 'demo-viewer', '/');
  try {
    await openMember(viewer.app, 'Stadt Ludwigslust', '/members');
    assert.equal(await viewer.page.getByText('Bezogene Leistung erfassen').count(), 0);
    assert.equal(await viewer.page.locator('main form.form').count(), 0);
    await openContract(viewer.app, 'Stadt Neustadt-Glewe');
    assert.equal(await viewer.page.getByText('Vertragspartei hinzufügen').count(), 0);
    assert.equal(await viewer.page.getByText('Vertragspartei entfernen').count(), 0);
  } finally {
    await viewer.browser.close();
  }
});

test('no page of these forms was refused anything by its Content-Security-Policy', () => {
  assert.deepEqual(browser.cspViolations, []);
});
