// Browser tests of the changes made in the app alone: an editor sets a contract's own reminder
// days (checked in the browser, its deadlines' reminders re-armed with them, the server's
// default again); an admin registers a persisted operation (one that does not parse is
// refused in the app's language), calls it by its hash and deletes it after a question. Both
// languages; axe on the open reminder form and the admin page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seriousViolations } from './harness.mjs';
import { AppPage, askIn, openForm, refusedAt, section, signedInAs, signedInFile } from './pages.mjs';

let server;
let page;
signedInFile('demo-editor', (s) => ({ server, page } = s));

const DAY = 86_400_000;

/** The ISO day `n` days before the ISO day `iso`. */
function before(iso, n) {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - n * DAY).toISOString().slice(0, 10);
}

/** How many days before its deadline's day to act each armed reminder of contract `id` falls. */
async function armedOffsets(id) {
  const answer = await askIn(page, `query($id: ID!) { node(id: $id) { ... on Contract {
    reminders { deadlineId dueOn state } decisions { id dayToAct } } } }`, { id });
  const c = answer.data.node;
  const toAct = new Map(c.decisions.map((d) => [d.id, d.dayToAct]));
  return [...new Set(c.reminders.filter((r) => r.state === 'ARMED')
    .map((r) => (Date.parse(toAct.get(r.deadlineId)) - Date.parse(r.dueOn)) / DAY))]
    .sort((a, b) => b - a);
}

/** A seeded contract with an open deadline whose day to act lies ahead: its ID and that day. */
async function contractAhead() {
  const answer = await askIn(page, '{ deadlines(first: 100) { nodes { dayToAct contract { id } } } }');
  const today = new Date().toISOString().slice(0, 10);
  const ahead = answer.data.deadlines.nodes.filter((n) => n.dayToAct > today)
    .sort((a, b) => b.dayToAct.localeCompare(a.dayToAct));
  assert.ok(ahead.length > 0, JSON.stringify(answer));
  return { id: ahead[0].contract.id, dayToAct: ahead[0].dayToAct };
}

test('an editor sets a contract\'s reminder days, is refused a negative one, and resets them', async () => {
  const app = new AppPage(page, server.baseUrl);
  const { id, dayToAct } = await contractAhead();
  const byDefault = await armedOffsets(id);
  assert.ok(byDefault.every((n) => [90, 30, 7, 0].includes(n)), JSON.stringify(byDefault));
  // A reminder before the day to act too, so that the days set below differ from these.
  assert.ok(byDefault.includes(0) && byDefault.some((n) => n > 0), JSON.stringify(byDefault));

  await app.open(`/contracts/${encodeURIComponent(id)}`);
  let form = await openForm(page, 'Erinnerungen einstellen');
  const label = 'Erinnerungstage: Tage vor „Zu handeln bis“ (z. B. 60, 14, 0)';
  await form.getByLabel(label, { exact: true }).fill('-3');
  await form.getByRole('button', { name: 'Speichern' }).click();
  await refusedAt(form, label, 'reminder-days-days-error', /ganze Zahlen von 0 bis 3660/);
  assert.deepEqual(await armedOffsets(id), byDefault);
  assert.deepEqual(await seriousViolations(page), []);

  await form.getByLabel(label, { exact: true }).fill('60, 14, 0');
  await form.getByRole('button', { name: 'Speichern' }).click();
  await page.locator('#form-status').getByText('Die Änderung wurde gespeichert.').waitFor();
  const own = await armedOffsets(id);
  assert.ok(own.includes(0) && own.every((n) => [60, 14, 0].includes(n)), JSON.stringify(own));
  assert.notDeepEqual(own, byDefault);
  // The page has read its reminders again: the one on the day to act is shown.
  const [y, m, d] = dayToAct.split('-');
  await section(page, 'contract-reminders').getByText(`${d}.${m}.${y}`).first().waitFor();
  if (own.includes(14)) {
    const [y2, m2, d2] = before(dayToAct, 14).split('-');
    await section(page, 'contract-reminders').getByText(`${d2}.${m2}.${y2}`).first().waitFor();
  }

  // The server's default again, in English.
  await app.switchLanguage('English');
  await app.settled();
  form = await openForm(page, 'Set reminders');
  await form.getByLabel('The server\'s default', { exact: true }).check();
  await form.getByRole('button', { name: 'Save' }).click();
  await page.locator('#form-status').getByText(/saved/).waitFor();
  assert.deepEqual(await armedOffsets(id), byDefault);
  form = await openForm(page, 'Set reminders');
  assert.deepEqual(await seriousViolations(page), []);
});

/** Sends the registered document with hash `hash` from `tab`, by its hash alone. */
function callByHash(tab, hash) {
  return tab.evaluate(async (hash) => (await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
  })).json(), hash);
}

test('an admin registers a persisted operation, calls it by its hash and deletes it', async () => {
  const admin = await signedInAs(server, 'demo-admin', '/');
  try {
    const tab = admin.page;
    // The admin navigation leads to the page.
    await tab.getByRole('navigation', { name: 'Verwaltung' })
      .getByRole('link', { name: 'Gespeicherte Abfragen' }).click();
    await admin.app.settled();
    assert.equal(new URL(tab.url()).pathname, '/admin/operations');
    assert.equal(await admin.app.heading(), 'Gespeicherte Abfragen');
    await tab.getByText('Es sind noch keine Abfragen gespeichert.').waitFor();

    const register = tab.locator('section[aria-labelledby="register-operation-heading"]');
    await register.getByLabel('Name', { exact: true }).fill('Mitgliederzahl');
    await register.getByLabel('GraphQL-Dokument', { exact: true }).fill('{ members(first: 1) { totalCount ');
    await register.getByRole('button', { name: 'Abfrage speichern' }).click();
    await refusedAt(register, 'GraphQL-Dokument', 'operation-document-error', /^Das Dokument ist kein gültiges GraphQL\.$/);
    assert.deepEqual((await askIn(tab, '{ persistedOperations { id } }')).data.persistedOperations, []);

    const document = '{ members(first: 1) { totalCount } }';
    await register.getByLabel('GraphQL-Dokument', { exact: true }).fill(document);
    await register.getByRole('button', { name: 'Abfrage speichern' }).click();
    const row = tab.locator('main table tbody tr', { hasText: 'Mitgliederzahl' });
    await row.waitFor();
    const listed = (await askIn(tab, '{ persistedOperations { id name sha256 } }')).data.persistedOperations;
    assert.equal(listed.length, 1, JSON.stringify(listed));
    assert.equal(listed[0].name, 'Mitgliederzahl');
    assert.match(await row.innerText(), new RegExp(listed[0].sha256));
    assert.deepEqual(await seriousViolations(tab), []);

    // Called by its hash alone, it answers as the document does.
    const direct = await askIn(tab, document);
    const called = await callByHash(tab, listed[0].sha256);
    assert.ok(direct.data.members.totalCount > 0, JSON.stringify(direct));
    assert.deepEqual(called.data, direct.data, JSON.stringify(called));

    // Deleting asks first; cancelling keeps it, in English too.
    await admin.app.switchLanguage('English');
    await admin.app.settled();
    assert.equal(await admin.app.heading(), 'Persisted operations');
    await tab.getByRole('button', { name: 'Delete Mitgliederzahl' }).click();
    const ask = tab.getByRole('group', { name: 'Delete “Mitgliederzahl”? Partner systems can no longer call it by its hash.' });
    await ask.waitFor();
    assert.deepEqual(await seriousViolations(tab), []);
    await ask.getByRole('button', { name: 'Cancel' }).click();
    assert.equal((await askIn(tab, '{ persistedOperations { id } }')).data.persistedOperations.length, 1);
    await tab.getByRole('button', { name: 'Delete Mitgliederzahl' }).click();
    await ask.getByRole('button', { name: 'Yes, delete' }).click();
    await tab.getByText('No operations are registered yet.').waitFor();
    assert.deepEqual((await askIn(tab, '{ persistedOperations { id } }')).data.persistedOperations, []);
    const gone = await callByHash(tab, listed[0].sha256);
    assert.equal(gone.errors?.[0]?.extensions?.code, 'PERSISTED_QUERY_NOT_FOUND', JSON.stringify(gone));
  } finally {
    await admin.browser.close();
  }
});
