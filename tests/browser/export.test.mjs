// Browser tests of the export links: a person narrows a list and downloads all of it, with the
// filters and date the page shows, as CSV and as JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AppPage, MembersPage, signedInFile } from './pages.mjs';

let server;
let browser;
let page;
signedInFile('demo-viewer', (started) => ({ server, browser, page } = started));

/** Clicks the link named `name` and reads the file it downloads: its name and text. */
async function download(name) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name, exact: true }).click(),
  ]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

test('the members list downloads whole with its date and filters, as CSV and JSON', async () => {
  const members = new MembersPage(page, server.baseUrl);
  await members.open('?asOf=2018-06-30');
  const csv = await download('Alle als CSV');
  assert.equal(csv.name, 'members-2018-06-30.csv');
  assert.ok(csv.text.startsWith('\uFEFFID;Name;Kurzname;Art;'), csv.text.slice(0, 80));
  const lines = csv.text.trim().split('\r\n');
  // The header and the four members of that day.
  assert.equal(lines.length, 5, csv.text);
  assert.ok(lines.some((line) => line.includes(';Stadt Ludwigslust;')), csv.text);

  await members.open('?asOf=2019-01-01');
  await members.search('grabow');
  const json = await download('Alle als JSON');
  const rows = JSON.parse(json.text);
  assert.deepEqual(rows.map((row) => row.name), ['Stadt Grabow']);
  assert.equal(rows[0].kind, 'AMTSANGEHOERIGE_STADT');
});

test('the contracts, services and coverage pages link to their whole lists', async () => {
  const app = new AppPage(page, server.baseUrl);
  for (const [path, list] of [
    ['/contracts?asOf=2019-01-01', 'contracts-2019-01-01.csv'],
    ['/services', 'services-'],
    ['/coverage?asOf=2019-01-01', 'coverages-2019-01-01.csv'],
  ]) {
    await app.open(path);
    const csv = await download('Alle als CSV');
    assert.ok(csv.name.startsWith(list), `${path}: ${csv.name}`);
    assert.ok(csv.text.startsWith('\uFEFFID;'), `${path}: ${csv.text.slice(0, 40)}`);
    assert.ok(csv.text.trim().split('\r\n').length > 1, `${path}: ${csv.text}`);
  }
});
