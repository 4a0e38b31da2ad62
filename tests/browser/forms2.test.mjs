// Browser tests of the member page's forms for a membership's details, an organisation's
// parent and units, and sources: checked in the browser by the domain's rules, saved and
// shown with their history, refused when someone else changed the record meanwhile, and free
// of serious accessibility problems while open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from './harness.mjs';
import {
  AppPage, askIn, noSeriousViolations, offered, openForm, openMember, pickRecord, recordRequests, refusedAt, section, signedInAs, signedInFile, meanwhileAsAdmin,
} from './pages.mjs';

const SOURCE = 'Amtsblatt der Stadt Ludwigslust 2/2016';

let server;
let browser;
let page;
signedInFile('demo-editor', (started) => ({ server, browser, page } = started));

/** The forms of the member page's membership, under their summary. */
function membershipForms(tab) {
  return tab.locator('article.card details', { has: tab.locator('summary', { hasText: 'Mitgliedschaft ändern' }) });
}

/** The changes of a membership, shown open at once after a form of it was sent. */
async function membershipChanges(tab, operation) {
  const details = membershipForms(tab);
  const table = details.locator('table');
  await table.getByText(operation).first().waitFor();
  assert.equal(await details.getAttribute('open'), '');
  return table.innerText();
}

test('an editor records a source: the browser refuses a missing title, an address that is no web address and a day of reading before the day of publication, then the page\'s forms offer it', async () => {
  const app = new AppPage(page, server.baseUrl);
  await openMember(app, 'Stadt Ludwigslust');
  const form = await openForm(page, 'Neue Quelle erfassen');
  const requests = recordRequests(page);
  await form.getByLabel('Adresse (URL)').fill('ftp://ludwigslust.de/amtsblatt.pdf');
  await form.getByLabel('Veröffentlicht').fill('2016-02-15');
  await form.getByLabel('Abgerufen am').fill('2016-02-14');
  await form.getByRole('button', { name: 'Anlegen' }).click();
  await refusedAt(form, 'Titel', 'new-source-title-error', /./);
  await refusedAt(form, 'Adresse (URL)', 'new-source-url-error', /https:\/\//);
  await refusedAt(form, 'Abgerufen am', 'new-source-accessedOn-error', /14\.02\.2016 liegt vor dem Tag der Veröffentlichung \(15\.02\.2016\)/);
  assert.match(await app.status(), /markierten Eingaben/);
  requests.stop();
  assert.deepEqual(requests.sent, []);
  await noSeriousViolations(page);
  await screenshot(page, 'forms2-01-source-refused');

  await form.getByLabel('Titel').fill(SOURCE);
  await form.getByLabel('Adresse (URL)').fill('https://www.stadtludwigslust.de/amtsblatt-2-2016.pdf');
  await form.getByLabel('Herausgeber').fill('Stadt Ludwigslust');
  await form.getByLabel('Abgerufen am').fill('2026-12-01');
  await form.getByRole('button', { name: 'Anlegen' }).click();
  await page.getByText(/gespeichert/).waitFor();
  // The page reloads; the membership's form offers the new source.
  const change = await openForm(page, 'Mitgliedschaft ändern');
  await offered(change, 'Quelle', SOURCE, 'Amtsblatt der Stadt Ludwigslust');
});

test('an editor changes a membership\'s milestones, share, seats and source: the browser refuses a malformed share and negative seats, then the membership and its history show the change', async () => {
  const app = new AppPage(page, server.baseUrl);
  await openMember(app, 'Stadt Ludwigslust');
  const card = page.locator('article.card');
  assert.equal(await card.count(), 1);
  const form = await openForm(page, 'Mitgliedschaft ändern');
  await form.getByLabel('Anteil am Stammkapital').waitFor();
  assert.equal(await form.getByLabel('Erster Tag der Mitgliedschaft').inputValue(), '01.04.2016', 'the day the German way');
  const requests = recordRequests(page);
  await form.getByLabel('Anteil am Stammkapital').fill('12.500,50');
  await form.getByLabel('Sitze im Verwaltungsrat').fill('-2');
  await form.getByLabel('Rechtswirksam').fill('');
  await form.getByRole('button', { name: 'Speichern' }).click();
  await refusedAt(form, 'Anteil am Stammkapital', 'membership-0-capitalShare-error', /Betrag/);
  await refusedAt(form, 'Sitze im Verwaltungsrat', 'membership-0-seats-error', /darf nicht negativ sein/);
  requests.stop();
  // Nothing was saved (the page may still be reading the membership's history meanwhile).
  const saved = requests.sent.filter((body) => JSON.parse(body).operationName === 'UpdateMembership');
  assert.deepEqual(saved, []);
  await noSeriousViolations(page);
  await screenshot(page, 'forms2-02-membership-refused');

  await form.getByLabel('Anteil am Stammkapital').fill('12500,5');
  await form.getByLabel('Sitze im Verwaltungsrat').fill('2');
  await form.getByLabel('IT-Übernahme').fill('2016-02-01');
  await pickRecord(form, 'Quelle', SOURCE);
  await form.getByRole('button', { name: 'Speichern' }).click();
  await card.getByText('12.500,50 €').waitFor();
  const text = await card.innerText();
  assert.match(text, /01\.02\.2016\s+IT-Übernahme/);
  assert.match(text, /Rechtswirksam/);
  assert.match(text, new RegExp(SOURCE));
  assert.match(await section(page, 'sources').innerText(), new RegExp(SOURCE));
  assert.match(await app.status(), /gespeichert/);
  const changes = await membershipChanges(page, 'updateMembership');
  assert.match(changes, /seats: – → 2/);
  assert.match(changes, /capital_share_cents: – → 1250050/);
  assert.match(changes, /it_takeover_on: 2016-01-01 → 2016-02-01/);
  assert.match(changes, /legal_effect_on: 2016-04-01 → –/);
  await screenshot(page, 'forms2-03-membership-changed');
});

test('an editor names a contract\'s source among the register\'s sources; the contract\'s sources and history show it', async () => {
  const app = new AppPage(page, server.baseUrl);
  await app.open(`/contracts?q=${encodeURIComponent('Stadt Ludwigslust')}`);
  await page.getByRole('link', { name: /Stadt Ludwigslust/ }).first().click();
  await app.settled();
  const form = await openForm(page, 'Vertrag bearbeiten');
  await pickRecord(form, 'Quelle', SOURCE);
  await noSeriousViolations(page);
  await form.getByRole('button', { name: 'Speichern' }).click();
  await section(page, 'sources').getByText(SOURCE).waitFor();
  const changes = section(page, 'changes');
  await changes.getByText('amendContract').first().waitFor();
  assert.match(await changes.innerText(), /source_id: /);
});

test('a membership changed by another account meanwhile is refused with a conflict and a way to reload', async () => {
  const app = new AppPage(page, server.baseUrl);
  await openMember(app, 'Stadt Ludwigslust');
  const form = await openForm(page, 'Mitgliedschaft ändern');
  const seats = form.getByLabel('Sitze im Verwaltungsrat');
  await seats.waitFor();
  // An admin at another desk changes the same membership first, in the app.
  await meanwhileAsAdmin(server, async (admin) => {
    await openMember(admin.app, 'Stadt Ludwigslust');
    const theirs = await openForm(admin.page, 'Mitgliedschaft ändern');
    await theirs.getByLabel('Sitze im Verwaltungsrat').fill('3');
    await theirs.getByRole('button', { name: 'Speichern' }).click();
    await admin.page.getByText(/gespeichert/).waitFor();
  });
  await seats.fill('4');
  await form.getByRole('button', { name: 'Speichern' }).click();
  await page.getByText(/Jemand hat diesen Eintrag geändert/).waitFor();
  await screenshot(page, 'forms2-04-membership-conflict');
  await page.getByRole('button', { name: 'Aktuellen Stand laden' }).click();
  // The page reloads with the membership's forms and changes open.
  const again = membershipForms(page);
  await again.locator('table').getByText('demo-admin').first().waitFor();
  assert.equal(await again.getAttribute('open'), '');
  const changes = await again.locator('table').innerText();
  assert.match(changes, /seats: 2 → 3/);
  assert.doesNotMatch(changes, /→ 4/);
  assert.equal(await again.getByLabel('Sitze im Verwaltungsrat').inputValue(), '3');
});

test('an editor sets an organisation\'s parent: the browser refuses a link its kind cannot have and does not offer the organisation itself; the parent\'s units show it until the parent is cleared', async () => {
  const app = new AppPage(page, server.baseUrl);
  await app.open('/members');
  const create = await openForm(page, 'Neues Mitglied / neue Organisation');
  const name = 'Eigenbetrieb Abwasser Ludwigslust';
  await create.getByLabel('Name', { exact: true }).fill(name);
  await create.getByLabel('Art', { exact: true }).selectOption({ label: 'Eigenbetrieb' });
  await create.getByRole('button', { name: 'Anlegen' }).click();
  await page.locator('main h1', { hasText: name }).waitFor();
  await app.settled();

  const form = await openForm(page, 'Organisation bearbeiten');
  // An organisation cannot belong to itself: it is no choice.
  await form.getByRole('combobox', { name: 'Gehört zu', exact: true }).fill(name);
  await form.getByRole('listbox').waitFor();
  assert.equal(await form.getByRole('option', { name, exact: true }).count(), 0);
  await pickRecord(form, 'Gehört zu', 'Stadt Ludwigslust');
  const requests = recordRequests(page);
  await form.getByLabel('Art der Zugehörigkeit').selectOption({ label: 'Gebiet von' });
  await form.getByRole('button', { name: 'Speichern' }).click();
  await refusedAt(form, 'Art der Zugehörigkeit', 'organisation-parentLink-error', /Einheit/);
  requests.stop();
  assert.deepEqual(requests.sent, []);
  await noSeriousViolations(page);
  await screenshot(page, 'forms2-05-parent-refused');

  await form.getByLabel('Art der Zugehörigkeit').selectOption({ label: 'Einheit von' });
  await form.getByRole('button', { name: 'Speichern' }).click();
  await page.locator('main').getByRole('link', { name: 'Stadt Ludwigslust' }).waitFor();
  assert.match(await app.mainText(), /Gehört zu\s+Stadt Ludwigslust/);
  const changes = section(page, 'changes');
  await changes.getByText('updateOrganisation').first().waitFor();
  assert.match(await changes.innerText(), /parent_link: – → UNIT/);
  const own = page.url();

  // The parent's page lists it among its units.
  await page.locator('main').getByRole('link', { name: 'Stadt Ludwigslust' }).click();
  await app.settled();
  await section(page, 'units').getByRole('link', { name }).waitFor();
  await screenshot(page, 'forms2-06-unit-shown');

  // Cleared again, it is no unit any more.
  await page.goto(own);
  await app.settled();
  const clear = await openForm(page, 'Organisation bearbeiten');
  const parent = clear.getByRole('combobox', { name: 'Gehört zu', exact: true });
  assert.equal(await parent.inputValue(), 'Stadt Ludwigslust');
  await parent.fill('');
  await clear.getByRole('button', { name: 'Speichern' }).click();
  await section(page, 'changes').getByText(/parent_link: UNIT → –/).waitFor();
  assert.doesNotMatch(await app.mainText(), /Gehört zu\s+Stadt Ludwigslust/);
  await openMember(app, 'Stadt Ludwigslust');
  assert.equal(await section(page, 'units').getByRole('link', { name }).count(), 0);
});

test('a viewer sees none of these forms', async () => {
  const viewer = await signedInAs(server, 'demo-viewer', '/');
  try {
    await openMember(viewer.app, 'Stadt Ludwigslust');
    for (const summary of ['Mitgliedschaft ändern', 'Neue Quelle erfassen', 'Organisation bearbeiten']) {
      assert.equal(await viewer.page.getByText(summary).count(), 0, summary);
    }
    assert.equal(await viewer.page.locator('main form.form').count(), 0);
    // The sources can be read, as before, but not be written.
    const refused = await askIn(viewer.page, 'mutation { createSource(input: {title: "X"}) { id } }');
    assert.ok(refused.errors?.length, JSON.stringify(refused));
  } finally {
    await viewer.browser.close();
  }
});

test('no page of these forms was refused anything by its Content-Security-Policy', () => {
  assert.deepEqual(browser.cspViolations, []);
});
