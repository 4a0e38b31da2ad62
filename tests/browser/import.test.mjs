// Browser tests of the import page: an editor chooses a file, sees what each row would do or
// what is wrong with it, and writes it only by confirming; a record changed in between is caught.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppPage, askIn, meanwhileAsAdmin, noSeriousViolations, signedInAs, signedInFile } from './pages.mjs';

let server;
let browser;
let page;
signedInFile('demo-editor', (started) => ({ server, browser, page } = started));

const FILE = '\uFEFFName;Art;Kurzname\r\nAmt Hochladen;AMT;Hochladen\r\nStadt Grabow;AMTSANGEHOERIGE_STADT;Grabow (Elde)\r\n';

/** Chooses a file `name` holding `text` on the import page and has it checked. */
async function check(name, text) {
  await page.getByLabel('Datei (CSV oder JSON)').setInputFiles({
    name,
    mimeType: name.endsWith('.json') ? 'application/json' : 'text/csv',
    buffer: Buffer.from(text, 'utf8'),
  });
  await page.getByRole('button', { name: 'Datei prüfen' }).click();
}

/** The short name of the organisation `name`, asked by the editor's own session. */
async function shortName(name) {
  const found = await askIn(page, 'query($n: String) { organisations(first: 5, filter: {search: $n}) { nodes { name shortName } } }', { n: name });
  return found.data.organisations.nodes.find((o) => o.name === name)?.shortName;
}

test('an editor checks a file, sees each row\'s change and writes it by confirming', async () => {
  const app = new AppPage(page, server.baseUrl);
  await app.open('/');
  await page.getByRole('navigation', { name: 'Verwaltung' }).getByRole('link', { name: 'Import' }).click();
  await app.settled();
  assert.equal(await app.heading(), 'Import');

  // Nothing chosen; then a file with a kind that does not exist: its line and column.
  await page.getByRole('button', { name: 'Datei prüfen' }).click();
  await page.locator('#form-status').getByText('Bitte wählen Sie eine Datei.').waitFor();
  await check('falsch.csv', 'Name;Art\r\nGemeinde Y;DORF\r\n');
  await page.locator('#form-status').getByText(/Die Datei hat Probleme/).waitFor();
  const problems = await app.rows();
  assert.equal(problems.length, 1, JSON.stringify(problems));
  // Said in the app's language.
  assert.deepEqual(problems[0].slice(0, 3), ['2', 'Art', '"DORF" ist keiner der Werte dieser Spalte']);
  assert.equal(await page.getByRole('button', { name: 'Jetzt importieren' }).count(), 0);

  await check('organisationen.csv', FILE);
  await page.locator('#form-status').getByText('Geprüft: 1 neu, 1 geändert, 0 unverändert. Noch ist nichts geschrieben.').waitFor();
  const rows = await app.rows();
  assert.deepEqual(rows.map((row) => row.slice(0, 4)), [
    ['2', 'Organisation', 'neu', 'Amt Hochladen'],
    ['3', 'Organisation', 'geändert', 'Stadt Grabow'],
  ]);
  assert.match(rows[1][4], /Kurzname: – → Grabow \(Elde\)/);
  // Each row's type is named by its label in the app's language.
  await check('leistungen.csv', 'Kürzel;Name;Kategorie\r\nTEST-1;Testleistung;OTHER\r\n');
  await page.locator('#form-status').getByText(/^Geprüft: 1 neu/).waitFor();
  assert.deepEqual((await app.rows()).map((row) => row.slice(0, 4)), [['2', 'Leistung', 'neu', 'TEST-1']]);
  await check('organisationen.csv', FILE);
  await page.locator('#form-status').getByText(/^Geprüft: 1 neu, 1 geändert/).waitFor();
  assert.equal(await shortName('Amt Hochladen'), undefined);
  await noSeriousViolations(page);

  await page.getByRole('button', { name: 'Jetzt importieren' }).click();
  await page.locator('#form-status').getByText(/^Importiert: 1 neu, 1 geändert\./).waitFor();
  assert.equal(await shortName('Amt Hochladen'), 'Hochladen');
  assert.equal(await shortName('Stadt Grabow'), 'Grabow (Elde)');
});

test('a record changed after the check is caught: nothing is written until the file is checked again', async () => {
  const app = new AppPage(page, server.baseUrl);
  await app.open('/import');
  await check('grabow.csv', 'Name;Art;Kurzname\r\nStadt Grabow;AMTSANGEHOERIGE_STADT;Grabow an der Elde\r\n');
  await page.locator('#form-status').getByText(/^Geprüft: 0 neu, 1 geändert/).waitFor();
  // Meanwhile an admin imports another short name for the town.
  await meanwhileAsAdmin(server, async ({ page: tab }) => {
    const status = await tab.evaluate(async () => (await fetch('/import?name=anders.csv', {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv' },
      body: 'Name;Art;Kurzname\r\nStadt Grabow;AMTSANGEHOERIGE_STADT;Grabow\r\n',
    })).status);
    assert.equal(status, 200);
  });
  await page.getByRole('button', { name: 'Jetzt importieren' }).click();
  await page.locator('#form-status').getByText(/Seit der Prüfung hat jemand Datensätze geändert/).waitFor();
  assert.equal(await shortName('Stadt Grabow'), 'Grabow');

  // Checked again, the change is shown against what the register holds now, then written.
  await page.getByRole('button', { name: 'Erneut prüfen' }).click();
  await page.locator('#form-status').getByText(/^Geprüft: 0 neu, 1 geändert/).waitFor();
  assert.match((await app.rows())[0][4], /Kurzname: Grabow → Grabow an der Elde/);
  await page.getByRole('button', { name: 'Jetzt importieren' }).click();
  await page.locator('#form-status').getByText(/^Importiert: 0 neu, 1 geändert\./).waitFor();
  assert.equal(await shortName('Stadt Grabow'), 'Grabow an der Elde');
});

test('a viewer is told that only editors import, and the English app names the fields in English', async () => {
  const viewer = await signedInAs(server, 'demo-viewer', '/import');
  try {
    await viewer.page.getByText('Importieren dürfen nur Bearbeiterinnen, Bearbeiter und die Verwaltung.').waitFor();
    assert.equal(await viewer.page.getByLabel('Datei (CSV oder JSON)').count(), 0);
  } finally {
    await viewer.browser.close();
  }
  const app = new AppPage(page, server.baseUrl);
  await app.open('/import');
  await app.switchLanguage('English');
  await page.getByRole('heading', { name: 'Import', level: 1 }).waitFor();
  await page.getByLabel('File (CSV or JSON)').setInputFiles({
    name: 'services.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify([{ code: 'IMPORT-APP', name: 'Aus der App', category: 'OTHER' }])),
  });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.locator('#form-status').getByText(/^Checked: 1 new, 0 changed/).waitFor();
  const rows = await app.rows();
  assert.deepEqual(rows[0].slice(0, 4), ['1', 'Service', 'new', 'IMPORT-APP']);
  assert.match(rows[0][4], /category: OTHER/);
  await app.switchLanguage('Deutsch');
});
