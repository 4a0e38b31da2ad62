// Browser tests of express renewal: an editor gives a contract that ends unless expressly
// renewed a decision period in the contract form (the input shows only for express renewal),
// records a renewal on the contract page and sees it with the new term, then decides the next
// decision on the desk to renew, which records the next renewal; the browser checks a renewal
// by the domain's rules before anything is sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seriousViolations, screenshot } from './harness.mjs';
import { AppPage, DeskPage, askIn, section, signedInFile } from './pages.mjs';

let server;
let page;
let contractId;

/** Today in Germany, where the server's days are days, as `YYYY-MM-DD`. */
function berlinToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
}

/** `2027-01-29` as the German app writes it. */
function german(iso) {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

const CONTRACT = `query($id: ID!) { node(id: $id) { ... on Contract { version endsOn
  terms { renewal decisionMonths } renewals { renewedOn months until startsOn endsOn }
  decisions { kind day state } } } }`;

signedInFile('demo-editor', async (started) => {
  ({ server, page } = started);
  // Two years from the first of this month a year ago: the first term ends in a year.
  const [year, month] = berlinToday().split('-');
  const from = `${Number(year) - 1}-${month}-01`;
  const created = await askIn(
    page,
    `mutation($input: ContractInput!) { createContract(input: $input) { id } }`,
    { input: { title: 'Fachverfahren Gewerbe (ausdrücklich)', kind: 'SERVICE_AGREEMENT',
      signedOn: from, effectiveFrom: from, initialTermMonths: 24, renewal: 'EXPRESS' } },
  );
  contractId = created.data?.createContract?.id;
  assert.ok(contractId, JSON.stringify(created));
});

async function openContract() {
  const app = new AppPage(page, server.baseUrl);
  await app.open(`/contracts/${encodeURIComponent(contractId)}`);
  return app;
}

test('the decision period shows for express renewal only and is saved with the terms', async () => {
  const app = await openContract();
  await page.locator('summary', { hasText: 'Vertrag bearbeiten' }).click();
  const months = page.getByLabel('Entscheidung über die Verlängerung, Monate vor Laufzeitende');
  assert.ok(await months.isVisible());
  const renewal = page.getByLabel('Verlängerung', { exact: true });
  await renewal.selectOption('NONE');
  assert.ok(await months.isHidden());
  await renewal.selectOption('EXPRESS');
  assert.ok(await months.isVisible());
  // The domain's rule in the browser: not as long as the first term.
  const sent = [];
  const count = (request) => { if (request.url().endsWith('/graphql')) sent.push(request.postData()); };
  page.on('request', count);
  await months.fill('24');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await page.locator('#amend-decisionMonths-error').waitFor();
  page.off('request', count);
  assert.deepEqual(sent, []);
  await months.fill('3');
  await page.getByRole('button', { name: 'Speichern' }).click();
  const terms = section(page, 'terms');
  await terms.getByText('3 Monate vor Ende einer Laufzeit').waitFor();
  const api = (await askIn(page, CONTRACT, { id: contractId })).data.node;
  assert.deepEqual(api.terms, { renewal: 'EXPRESS', decisionMonths: 3 });
  const decision = api.decisions.find((d) => d.kind === 'DECISION' && d.state === 'OPEN');
  assert.ok(decision, JSON.stringify(api.decisions));
  assert.match(await section(page, 'contract-decisions').innerText(), new RegExp(german(decision.day)));
  assert.match(await app.mainText(), /Keine ausdrückliche Verlängerung erfasst/);
});

test('an editor records an express renewal and sees the new term', async () => {
  const app = await openContract();
  const before = (await askIn(page, CONTRACT, { id: contractId })).data.node;
  const form = page.locator('details', { has: page.locator('summary', { hasText: 'Ausdrückliche Verlängerung erfassen' }) });
  await form.locator('summary').click();
  const today = berlinToday();
  await form.getByLabel('Beschlossen am').fill(today);
  // Both a length and an end: refused in the browser, by the domain's rule.
  await form.getByLabel('Neue Laufzeit in Monaten').fill('12');
  await form.getByLabel('oder neue Laufzeit bis').fill('2099-12-31');
  await form.getByRole('button', { name: 'Ausdrückliche Verlängerung erfassen' }).click();
  await page.locator('#renew-until-error').waitFor();
  assert.match(await page.locator('#renew-until-error').innerText(), /nicht beides/);
  await form.getByLabel('oder neue Laufzeit bis').fill('');
  await form.getByRole('button', { name: 'Ausdrückliche Verlängerung erfassen' }).click();
  const renewals = section(page, 'contract-renewals');
  await renewals.locator('tbody tr').first().waitFor();
  const after = (await askIn(page, CONTRACT, { id: contractId })).data.node;
  assert.equal(after.renewals.length, 1, JSON.stringify(after));
  const [renewal] = after.renewals;
  assert.equal(renewal.renewedOn, today);
  assert.equal(renewal.months, 12);
  assert.notEqual(after.endsOn, before.endsOn);
  assert.equal(after.endsOn, renewal.endsOn);
  assert.deepEqual(await app.rows(renewals.locator('table')), [
    [german(today), '12 Monate', `${german(renewal.startsOn)} – ${german(renewal.endsOn)}`],
  ]);
  // The old term's decision is superseded; the new term's is open.
  const decisions = after.decisions.filter((d) => d.kind === 'DECISION');
  assert.ok(decisions.some((d) => d.state === 'SUPERSEDED'), JSON.stringify(decisions));
  assert.ok(decisions.some((d) => d.state === 'OPEN' && d.day > before.endsOn), JSON.stringify(decisions));
  assert.match(await app.mainText(), new RegExp(german(after.endsOn)));
  const problems = await seriousViolations(page);
  assert.deepEqual(problems, [], JSON.stringify(problems, null, 2));
  await screenshot(page, 'express-renewal');
});

test('deciding to renew on the desk with a term records the renewal', async () => {
  const before = (await askIn(page, CONTRACT, { id: contractId })).data.node;
  const desk = new DeskPage(page, server.baseUrl);
  await desk.open();
  const row = desk.row('Fachverfahren Gewerbe (ausdrücklich)', 'Entscheidung über die Verlängerung');
  const decide = await desk.form(row, 'Entscheiden');
  const months = decide.getByLabel('Verlängert um Monate (erfasst die Verlängerung, beschlossen heute)');
  // A term goes with "renew" only: said in the browser.
  await decide.getByLabel('Entscheidung', { exact: true }).selectOption({ label: 'Auslaufen lassen' });
  await months.fill('12');
  await decide.getByRole('button', { name: 'Entscheidung speichern' }).click();
  await decide.locator('.field-error', { hasText: 'nur mit der Entscheidung' }).waitFor();
  await decide.getByLabel('Entscheidung', { exact: true }).selectOption('RENEW');
  await desk.reloaded(() => decide.getByRole('button', { name: 'Entscheidung speichern' }).click());
  assert.equal(await desk.status(), 'Die Änderung wurde gespeichert.');
  const after = (await askIn(page, CONTRACT, { id: contractId })).data.node;
  assert.equal(after.renewals.length, before.renewals.length + 1, JSON.stringify(after));
  const renewal = after.renewals.at(-1);
  assert.equal(renewal.renewedOn, berlinToday());
  assert.equal(renewal.months, 12);
  assert.equal(renewal.startsOn > before.endsOn, true);
  assert.equal(after.endsOn, renewal.endsOn);
  const decided = after.decisions.filter((d) => d.kind === 'DECISION' && d.state === 'DECIDED');
  assert.equal(decided.length, 1, JSON.stringify(after.decisions));
});
