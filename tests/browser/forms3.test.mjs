// Browser tests of a contract party's role changed on the contract page, checked in the
// browser, saved and shown with its history at once, and refused when someone else changed
// the contract meanwhile; and of the refusals only the server can make, said in German.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from './harness.mjs';
import {
  AppPage, askIn, contractChangedMeanwhile, noSeriousViolations, openContract, openForm, pickRecord, recordRequests, refusedAt, section, signedInAs, signedInFile,
} from './pages.mjs';

let server;
let browser;
let page;
signedInFile('demo-editor', (started) => ({ server, browser, page } = started));

/** The parties of the contract page, each organisation's name with its role. */
async function partyRoles(app) {
  const rows = await app.rows(section(app.page, 'parties').locator('table'));
  return Object.fromEntries(rows.map((cells) => [cells[0], cells[2]]));
}

test('an editor changes a party\'s role: the browser asks for the party first, then the party list and the history show the new role at once', async () => {
  const app = new AppPage(page, server.baseUrl);
  await openContract(app, 'Stadt Neustadt-Glewe');
  const form = await openForm(page, 'Funktion einer Vertragspartei ändern');
  const org = form.getByLabel('Organisation', { exact: true });
  // Each party is offered with the role it has now.
  await org.locator('option', { hasText: 'Stadt Neustadt-Glewe (Mitglied)' }).waitFor({ state: 'attached' });
  const requests = recordRequests(page);
  await form.getByRole('button', { name: 'Speichern' }).click();
  await refusedAt(form, 'Organisation', 'party-role-organisationId-error', /Organisation/);
  requests.stop();
  assert.deepEqual(requests.sent, []);
  await noSeriousViolations(page);

  await org.selectOption({ label: 'Stadt Neustadt-Glewe (Mitglied)' });
  await form.getByRole('combobox', { name: 'Funktion' }).selectOption({ label: 'Gründer' });
  await form.getByRole('button', { name: 'Speichern' }).click();
  const parties = section(page, 'parties');
  await parties.getByRole('cell', { name: 'Gründer', exact: true }).waitFor();
  assert.deepEqual(await partyRoles(app), {
    'Kommunalservice Mecklenburg': 'Dienstleister',
    'Stadt Neustadt-Glewe': 'Gründer',
  });
  assert.match(await app.status(), /gespeichert/);
  const changes = section(page, 'changes');
  await changes.getByText('changeContractPartyRole').first().waitFor();
  const text = await changes.innerText();
  assert.match(text, /MEMBER.*→.*FOUNDER/);
  assert.match(text, /demo-editor/);
  await screenshot(page, 'forms3-01-party-role');
});

test('a role changed on a contract another account changed meanwhile is refused with a conflict and a way to reload', async () => {
  const app = new AppPage(page, server.baseUrl);
  await openContract(app, 'Stadt Grabow');
  const form = await openForm(page, 'Funktion einer Vertragspartei ändern');
  const org = form.getByLabel('Organisation', { exact: true });
  await org.locator('option', { hasText: 'Stadt Grabow (Mitglied)' }).waitFor({ state: 'attached' });
  // An admin at another desk makes the same party a partner first.
  await contractChangedMeanwhile(
    server, page, 'Stadt Grabow',
    'mutation($id: ID!, $v: Int!, $org: ID!) { changeContractPartyRole(contractId: $id, version: $v, organisationId: $org, role: "PARTNER") { version } }',
    'changeContractPartyRole',
  );
  await org.selectOption({ label: 'Stadt Grabow (Mitglied)' });
  await form.getByRole('combobox', { name: 'Funktion' }).selectOption({ label: 'Gründer' });
  await form.getByRole('button', { name: 'Speichern' }).click();
  await page.getByText(/Jemand hat diesen Eintrag geändert/).waitFor();
  await page.getByRole('button', { name: 'Aktuellen Stand laden' }).click();
  await section(page, 'parties').getByRole('cell', { name: 'Partner', exact: true }).waitFor();
  assert.equal((await partyRoles(app))['Stadt Grabow'], 'Partner');
  const changes = section(page, 'changes');
  await changes.getByText('changeContractPartyRole').first().waitFor();
  assert.match(await changes.innerText(), /demo-admin/);
});

test('refusals only the server can make are said in German next to their inputs: a service code and an official key another record has, an organisation deleted meanwhile, a search too long', async () => {
  const app = new AppPage(page, server.baseUrl);
  // A code the catalogue has already.
  await app.open('/services');
  const service = await openForm(page, 'Neue Leistung');
  await service.getByLabel('Kennung', { exact: true }).fill('SCHUL-IT');
  await service.getByLabel('Name', { exact: true }).fill('Schul-IT, doppelt');
  await service.getByRole('button', { name: 'Anlegen' }).click();
  await refusedAt(service, 'Kennung', 'new-service-code-error', /^Eine andere Leistung hat bereits diese Kennung\.$/);
  assert.match(await app.status(), /markierten Eingaben/);

  // An official key another organisation has (Stadt Grabow's).
  await app.open('/members');
  const organisation = await openForm(page, 'Neues Mitglied / neue Organisation');
  await organisation.getByLabel('Name', { exact: true }).fill('Gemeinde Doppelschlüssel');
  await organisation.getByLabel('Art', { exact: true }).selectOption({ label: 'Gemeinde' });
  await organisation.getByLabel('Amtlicher Schlüssel', { exact: true }).fill('13076050');
  await organisation.getByRole('button', { name: 'Anlegen' }).click();
  await refusedAt(organisation, 'Amtlicher Schlüssel', 'new-organisation-officialKey-error', /^Eine andere Organisation hat bereits diesen amtlichen Schlüssel\.$/);
  await noSeriousViolations(page);
  await screenshot(page, 'forms3-02-key-taken');

  // An organisation chosen as a party is deleted at another desk before the form is sent.
  const admin = await signedInAs(server, 'demo-admin', '/');
  let doomed;
  try {
    const made = await askIn(
      admin.page,
      'mutation { createOrganisation(input: {name: "Gemeinde Kurzlebig", kind: GEMEINDE}) { id version } }',
    );
    doomed = made.data.createOrganisation;
    assert.ok(doomed, JSON.stringify(made));
    await openContract(app, 'Stadt Lübz');
    const add = await openForm(page, 'Vertragspartei hinzufügen');
    await pickRecord(add, 'Organisation', 'Gemeinde Kurzlebig');
    const gone = await askIn(admin.page, 'mutation($id: ID!, $v: Int!) { deleteOrganisation(id: $id, version: $v) }', { id: doomed.id, v: doomed.version });
    assert.ok(gone.data?.deleteOrganisation, JSON.stringify(gone));
    await add.getByRole('button', { name: 'Hinzufügen' }).click();
    await refusedAt(add, 'Organisation', 'add-party-organisationId-error', /^Diese Organisation ist nicht mehr im Register\. Bitte laden Sie die Seite neu\.$/);
  } finally {
    await admin.browser.close();
  }

  // A search longer than the server takes, typed into the address.
  await app.open(`/members?q=${'a'.repeat(201)}`);
  const alert = page.locator('main [role="alert"]');
  await alert.waitFor();
  const said = await alert.innerText();
  assert.match(said, /Ein Suchtext hat höchstens 200 Zeichen\./);
  assert.doesNotMatch(said, /characters|at most|Another|has this/);
});

test('the join form and the coverage form pick their source among the register\'s, and the page names it', async () => {
  const app = new AppPage(page, server.baseUrl);
  const SOURCE = 'Neue Träger des KSM zum 1. Januar 2020';
  await app.open('/members');
  // A new organisation: its page names no source yet, so only the register offers one.
  const made = await askIn(page, 'mutation { createOrganisation(input: {name: "Gemeinde Quellenwahl", kind: GEMEINDE}) { id } }');
  const id = made.data?.createOrganisation?.id;
  assert.ok(id, JSON.stringify(made));
  await app.open(`/members/${encodeURIComponent(id)}`);
  assert.equal(await app.heading(), 'Gemeinde Quellenwahl');

  const join = await openForm(page, 'Beitritt erfassen');
  await join.getByLabel('Erster Tag der Mitgliedschaft', { exact: true }).fill('01.01.2026');
  // A source typed but not taken from the offers is asked for, not dropped.
  const requests = recordRequests(page);
  await join.getByRole('combobox', { name: 'Quelle', exact: true }).fill('Neue Träger');
  await join.getByRole('listbox').getByRole('option').first().waitFor();
  await page.keyboard.press('Escape');
  await join.getByRole('button', { name: 'Beitritt erfassen' }).click();
  await refusedAt(join, 'Quelle', 'join-sourceId-error', /^Bitte wählen Sie einen Eintrag aus der Liste/);
  requests.stop();
  assert.ok(requests.sent.every((body) => body.includes('"operationName":"PickSources"')), JSON.stringify(requests.sent));
  await pickRecord(join, 'Quelle', SOURCE);
  await noSeriousViolations(page);
  await join.getByRole('button', { name: 'Beitritt erfassen' }).click();
  const sources = section(page, 'sources');
  await sources.getByText(SOURCE).first().waitFor();

  const coverage = await openForm(page, 'Bezogene Leistung erfassen');
  const other = 'Neue Träger für den KSM';
  await pickRecord(coverage, 'Leistung', 'Druck und Kuvertierung');
  await coverage.getByLabel('Erster Tag der Leistung').fill('01.02.2026');
  await pickRecord(coverage, 'Quelle', other);
  await coverage.getByRole('button', { name: 'Anlegen' }).click();
  await sources.getByText(other).first().waitFor();
  const data = await askIn(page, 'query($id: ID!) { node(id: $id) { ... on Organisation { memberships { source { title } } coverages(first: 5) { nodes { source { title } } } } } }', { id });
  assert.equal(data.data.node.memberships[0].source.title, SOURCE);
  assert.equal(data.data.node.coverages.nodes[0].source.title, other);
  await screenshot(page, 'forms3-03-sources-picked');
});

test('no page of these forms was refused anything by its Content-Security-Policy', () => {
  assert.deepEqual(browser.cspViolations, []);
});
