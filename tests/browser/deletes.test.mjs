// Browser tests of deleting a record made in error: a contract, a service and an organisation
// made a moment ago are deleted from their pages, the list page opens and says so; a record
// others still refer to is refused in the app's language; a record someone else changed
// meanwhile is refused with a conflict and a way to reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from './harness.mjs';
import {
  AppPage, askIn, noSeriousViolations, openForm, openMember, recordRequests, refusedAt, meanwhileAsAdmin, section, signedInFile,
} from './pages.mjs';

let server;
let browser;
let page;
signedInFile('demo-editor', (started) => ({ server, browser, page } = started));

const NODE = 'query($id: ID!) { node(id: $id) { id } }';

/** Makes a record through the API with `mutation` (whose one field answers `{ id }`). */
async function made(tab, mutation, variables) {
  const answer = await askIn(tab, mutation, variables);
  const record = Object.values(answer.data ?? {})[0];
  assert.ok(record?.id, JSON.stringify(answer));
  return record.id;
}

/** Opens the page `base`/`id` and its delete form. */
async function openDelete(app, base, id) {
  await app.open(`${base}/${encodeURIComponent(id)}`);
  return openForm(app.page, 'Löschen');
}

const RECORDS = [
  {
    base: '/contracts',
    name: 'Versehentlich angelegter Vertrag',
    lead: /Vertrag mit seinen Vertragsparteien endgültig/,
    mutation: 'mutation($input: ContractInput!) { createContract(input: $input) { id } }',
    input: (name) => ({ title: name, kind: 'SERVICE_AGREEMENT', signedOn: '2024-01-01', effectiveFrom: '2024-01-01' }),
  },
  {
    base: '/services',
    name: 'Versehentlich angelegte Leistung',
    lead: /Leistung endgültig aus dem Katalog/,
    mutation: 'mutation($input: ServiceInput!) { createService(input: $input) { id } }',
    input: (name) => ({ code: 'IRRTUM-1', name, category: 'CORE_ADMINISTRATION' }),
  },
  {
    base: '/members',
    name: 'Gemeinde Irrtum',
    lead: /Organisation endgültig aus dem Register/,
    mutation: 'mutation($input: OrganisationInput!) { createOrganisation(input: $input) { id } }',
    input: (name) => ({ name, kind: 'GEMEINDE' }),
  },
];

for (const record of RECORDS) {
  test(`an editor deletes a record made in error from its page (${record.base}): the list page opens and says so`, async () => {
    const app = new AppPage(page, server.baseUrl);
    const id = await made(page, record.mutation, { input: record.input(record.name) });
    const form = await openDelete(app, record.base, id);
    assert.equal(await app.heading(), record.name);
    assert.match(await form.innerText(), record.lead);
    await noSeriousViolations(page);
    await screenshot(page, `deletes-01-open${record.base.replace('/', '-')}`);
    await form.getByRole('button', { name: 'Endgültig löschen' }).click();
    await page.waitForURL((url) => url.pathname === record.base);
    await app.settled();
    await page.getByText(`„${record.name}“ wurde gelöscht.`).waitFor();
    const gone = await askIn(page, NODE, { id });
    assert.equal(gone.data?.node, null, JSON.stringify(gone));
  });
}

test('a seeded service that coverages refer to is not deleted: the refusal is said in German', async () => {
  const app = new AppPage(page, server.baseUrl);
  const services = await askIn(page, '{ services(first: 100) { nodes { id name } } }');
  const service = services.data.services.nodes.find((s) => s.name === 'Gesamter IT-Betrieb der Kernverwaltung');
  assert.ok(service, JSON.stringify(services));
  const form = await openDelete(app, '/services', service.id);
  await form.getByRole('button', { name: 'Endgültig löschen' }).click();
  await page.getByText(/Diese Leistung kann nicht gelöscht werden: Leistungsbezüge beziehen sich noch auf sie/).waitFor();
  // Nothing changed meanwhile: nothing to reload.
  assert.equal(await page.getByRole('button', { name: 'Aktuellen Stand laden' }).count(), 0);
  assert.equal(new URL(page.url()).pathname, `/services/${encodeURIComponent(service.id)}`);
  const still = await askIn(page, NODE, { id: service.id });
  assert.equal(still.data?.node?.id, service.id);
  await noSeriousViolations(page);
  await screenshot(page, 'deletes-02-refused');
});

test('a service changed by another account meanwhile is not deleted: a conflict with a way to reload, then the deletion succeeds', async () => {
  const app = new AppPage(page, server.baseUrl);
  const name = 'Leistung im Irrtum, geändert';
  const id = await made(page, 'mutation($input: ServiceInput!) { createService(input: $input) { id } }',
    { input: { code: 'IRRTUM-2', name, category: 'CORE_ADMINISTRATION' } });
  const form = await openDelete(app, '/services', id);
  await meanwhileAsAdmin(server, async (admin) => {
    const changed = await askIn(admin.page,
      'mutation($id: ID!, $input: ServiceInput!) { updateService(id: $id, version: 1, input: $input) { version } }',
      { id, input: { code: 'IRRTUM-2', name, category: 'CORE_ADMINISTRATION', vendor: 'Anderer Anbieter' } });
    assert.ok(changed.data?.updateService, JSON.stringify(changed));
  });
  await form.getByRole('button', { name: 'Endgültig löschen' }).click();
  await page.getByText(/Jemand hat diesen Eintrag geändert/).waitFor();
  const still = await askIn(page, NODE, { id });
  assert.equal(still.data?.node?.id, id);
  await page.getByRole('button', { name: 'Aktuellen Stand laden' }).click();
  // The vendor as the record shows it (its changes, once loaded, name it too).
  await page.getByText('Anderer Anbieter', { exact: true }).waitFor();
  const again = await openForm(page, 'Löschen');
  await again.getByRole('button', { name: 'Endgültig löschen' }).click();
  await page.waitForURL((url) => url.pathname === '/services');
  await page.getByText(`„${name}“ wurde gelöscht.`).waitFor();
});

test('a source has a page: an editor changes it (the browser refuses an address that is no web address), sees its history, and deletes it', async () => {
  const app = new AppPage(page, server.baseUrl);
  const title = 'Amtsblatt im Irrtum 1/2020';
  const id = await made(page, 'mutation($input: SourceInput!) { createSource(input: $input) { id } }',
    { input: { title, url: 'https://example.org/amtsblatt-1-2020.pdf', publisher: 'Amt Irrtum', publishedOn: '2020-01-15', accessedOn: '2026-12-01' } });
  await app.open(`/sources/${encodeURIComponent(id)}`);
  assert.equal(await app.heading(), title);
  await page.getByRole('link', { name: 'https://example.org/amtsblatt-1-2020.pdf' }).waitFor();
  assert.match(await app.mainText(), /Amt Irrtum/);
  assert.match(await app.mainText(), /Veröffentlicht\s+15\.01\.2020/);
  assert.match(await app.mainText(), /Abgerufen am\s+01\.12\.2026/);
  await noSeriousViolations(page);

  const form = await openForm(page, 'Quelle bearbeiten');
  const requests = recordRequests(page);
  await form.getByLabel('Adresse (URL)').fill('ftp://example.org/amtsblatt.pdf');
  await form.getByRole('button', { name: 'Speichern' }).click();
  await refusedAt(form, 'Adresse (URL)', 'source-url-error', /https:\/\//);
  requests.stop();
  assert.deepEqual(requests.sent, []);
  await noSeriousViolations(page);
  await screenshot(page, 'deletes-03-source-refused');

  const changed = 'Amtsblatt im Irrtum 2/2020';
  await form.getByLabel('Titel').fill(changed);
  await form.getByLabel('Adresse (URL)').fill('https://example.org/amtsblatt-2-2020.pdf');
  await form.getByRole('button', { name: 'Speichern' }).click();
  await page.locator('main h1', { hasText: changed }).waitFor();
  await page.getByRole('link', { name: 'https://example.org/amtsblatt-2-2020.pdf' }).waitFor();
  const changes = section(page, 'changes');
  await changes.getByText('updateSource').first().waitFor();
  assert.match(await changes.innerText(), /demo-editor/);

  const remove = await openForm(page, 'Löschen');
  assert.match(await remove.innerText(), /Quelle endgültig aus dem Register/);
  await noSeriousViolations(page);
  await remove.getByRole('button', { name: 'Endgültig löschen' }).click();
  await page.waitForURL((url) => url.pathname === '/members');
  await page.getByText(`„${changed}“ wurde gelöscht.`).waitFor();
  const gone = await askIn(page, NODE, { id });
  assert.equal(gone.data?.node, null, JSON.stringify(gone));
});

test('a member page\'s source opens the source\'s page, whose deletion is refused while records cite it', async () => {
  const app = new AppPage(page, server.baseUrl);
  await openMember(app, 'Stadt Ludwigslust');
  const link = section(page, 'sources').getByRole('link').first();
  const title = await link.innerText();
  await link.click();
  await app.settled();
  assert.match(new URL(page.url()).pathname, /^\/sources\//);
  assert.equal(await app.heading(), title);
  const remove = await openForm(page, 'Löschen');
  await remove.getByRole('button', { name: 'Endgültig löschen' }).click();
  await page.getByText(/Diese Quelle kann nicht gelöscht werden: Einträge im Register berufen sich noch auf sie/).waitFor();
  assert.match(new URL(page.url()).pathname, /^\/sources\//);
});
