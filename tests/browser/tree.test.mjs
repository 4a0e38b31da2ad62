// Browser tests of the organisation tree (`/organisations/tree`): the district's territory
// down to its towns, expanding and collapsing by mouse and by keyboard (the WAI-ARIA tree view
// pattern, one tab stop), the date changing who is a member, a member's workstations without
// and with its units on the tree and on its page, both languages, loading the top level a page
// at a time, and no serious accessibility problems.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from './harness.mjs';
import { AppPage, askIn, noSeriousViolations, recordRequests, signedInFile } from './pages.mjs';

let server;
let page;
signedInFile('demo-editor', (started) => ({ server, page } = started));

const DISTRICT = 'Landkreis Ludwigslust-Parchim';

/** The tree page. */
class TreePage extends AppPage {
  async open(asOf = '2021-12-31') {
    await super.open(`/organisations/tree?asOf=${asOf}`);
    await this.tree().waitFor();
    await this.settled();
  }

  tree() {
    return this.page.getByRole('tree');
  }

  /** The item of the organisation `name` (named by its whole row: name, kind, membership, figures). */
  item(name) {
    return this.tree().getByRole('link', { name, exact: true }).locator('xpath=ancestor::li[@role="treeitem"][1]');
  }

  /** What the item's own row says (not what lies below it). */
  row(name) {
    return this.item(name).locator(':scope > .tree-row').innerText();
  }

  /** The names of the items directly below `name`'s item, once they are there. */
  async below(name) {
    const group = this.item(name).locator(':scope > [role="group"]');
    await group.locator(':scope > [role="treeitem"]').first().waitFor();
    await this.settled();
    return group.locator(':scope > [role="treeitem"] > .tree-row > a').allInnerTexts();
  }

  /** The names of the top level's items. */
  top() {
    return this.tree().locator(':scope > [role="treeitem"] > .tree-row > a').allInnerTexts();
  }

  /** Clicks `name`'s row (beside its link), which opens or closes it. */
  async toggle(name) {
    await this.item(name).locator(':scope > .tree-row > .tree-toggle').click();
  }

  /** The link of `name`'s item to its page. */
  link(name) {
    return this.item(name).locator(':scope > .tree-row > a');
  }

  expanded(name) {
    return this.item(name).getAttribute('aria-expanded');
  }

  /** The name of the focused item, and how many items hold a tab stop. */
  focused() {
    return this.page.evaluate(() => {
      const item = document.activeElement;
      return {
        role: item?.getAttribute('role'),
        name: item?.querySelector(':scope > .tree-row > a')?.textContent,
        level: item?.getAttribute('aria-level'),
        stops: document.querySelectorAll('[role="tree"] [tabindex="0"]').length,
      };
    });
  }

  /** Presses `key` and answers the focused item's name, checking that one tab stop stays. */
  async press(key) {
    await this.page.keyboard.press(key);
    const focused = await this.focused();
    assert.equal(focused.role, 'treeitem', `${key}: ${JSON.stringify(focused)}`);
    assert.equal(focused.stops, 1, `${key}: one tab stop`);
    return focused.name;
  }

  async setAsOf(day) {
    const field = this.page.getByRole('textbox', { name: 'Stichtag' });
    await field.fill(day);
    await field.dispatchEvent('change');
    await this.page.waitForFunction((d) => location.search.includes(d), day);
    await this.settled();
  }
}

test('the district shows its Ämter and towns, Amt Grabow holds Stadt Grabow; a click opens and closes', async () => {
  const tree = new TreePage(page, server.baseUrl);
  await tree.open();
  assert.equal(await tree.heading(), 'Organisationsbaum');
  const top = await tree.top();
  for (const name of [DISTRICT, 'Landeshauptstadt Schwerin', 'Kommunalservice Mecklenburg']) {
    assert.ok(top.includes(name), `${name} in ${top}`);
  }
  // Towns and Ämter lie in the district's territory; none of them is at the top.
  assert.ok(!top.includes('Amt Grabow') && !top.includes('Stadt Grabow'), `${top}`);
  assert.equal(await tree.expanded(DISTRICT), 'false');
  await noSeriousViolations(page);

  await tree.toggle(DISTRICT);
  assert.equal(await tree.expanded(DISTRICT), 'true');
  const district = await tree.below(DISTRICT);
  for (const name of ['Amt Grabow', 'Amt Neustadt-Glewe', 'Amt Parchimer Umland', 'Stadt Ludwigslust', 'Stadt Parchim']) {
    assert.ok(district.includes(name), `${name} in ${district}`);
  }
  // Grabow lies in its Amt, not directly in the district.
  assert.ok(!district.includes('Stadt Grabow'), `${district}`);
  assert.equal(await tree.item('Amt Grabow').getAttribute('aria-level'), '2');

  await tree.toggle('Amt Grabow');
  assert.deepEqual(await tree.below('Amt Grabow'), ['Stadt Grabow']);
  assert.equal(await tree.item('Stadt Grabow').getAttribute('aria-level'), '3');
  // A town with nothing below it is no parent: it has no aria-expanded.
  assert.equal(await tree.expanded('Stadt Grabow'), null);
  assert.match(await tree.row('Stadt Grabow'), /Amtsangehörige Stadt/);
  await noSeriousViolations(page);
  await screenshot(page, 'tree-01-district');

  await tree.toggle('Amt Grabow');
  assert.equal(await tree.expanded('Amt Grabow'), 'false');
  await tree.item('Stadt Grabow').waitFor({ state: 'hidden' });
  await tree.toggle(DISTRICT);
  await tree.item('Amt Grabow').waitFor({ state: 'hidden' });
  // A click on the name follows the link to the organisation's page on the same day.
  await tree.link('Landeshauptstadt Schwerin').click();
  await tree.settled();
  assert.equal(await tree.heading(), 'Landeshauptstadt Schwerin');
  assert.match(page.url(), /\/members\/[^?]+\?asOf=2021-12-31$/);
});

test('the keyboard moves, opens and closes as the tree view pattern says, with one tab stop', async () => {
  const tree = new TreePage(page, server.baseUrl);
  await tree.open();
  // Tab from the date field and its calendar button reaches the tree's first item.
  await page.getByRole('textbox', { name: 'Stichtag' }).focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const top = await tree.top();
  assert.equal((await tree.focused()).name, top[0]);
  assert.equal(await tree.press('End'), top.at(-1));
  assert.equal(await tree.press('Home'), top[0]);
  assert.equal(await tree.press('ArrowUp'), top[0]);
  let name = top[0];
  while (name !== DISTRICT) {
    name = await tree.press('ArrowDown');
  }
  // Right opens a closed item, and then moves to its first child.
  assert.equal(await tree.press('ArrowRight'), DISTRICT);
  assert.equal(await tree.expanded(DISTRICT), 'true');
  const district = await tree.below(DISTRICT);
  assert.equal(await tree.press('ArrowRight'), district[0]);
  assert.equal((await tree.focused()).level, '2');
  while (name !== 'Amt Grabow') {
    name = await tree.press('ArrowDown');
  }
  assert.equal(await tree.press('ArrowRight'), 'Amt Grabow');
  await tree.below('Amt Grabow');
  assert.equal(await tree.press('ArrowRight'), 'Stadt Grabow');
  // Right on a leaf does nothing; Down goes on past the Amt's end to the district's next.
  assert.equal(await tree.press('ArrowRight'), 'Stadt Grabow');
  assert.equal(await tree.press('ArrowDown'), district[district.indexOf('Amt Grabow') + 1]);
  assert.equal(await tree.press('ArrowUp'), 'Stadt Grabow');
  // Left goes to the parent, then closes it, then goes to its parent, and closes that.
  assert.equal(await tree.press('ArrowLeft'), 'Amt Grabow');
  assert.equal(await tree.press('ArrowLeft'), 'Amt Grabow');
  assert.equal(await tree.expanded('Amt Grabow'), 'false');
  assert.equal(await tree.press('ArrowDown'), district[district.indexOf('Amt Grabow') + 1]);
  assert.equal(await tree.press('ArrowLeft'), DISTRICT);
  assert.equal(await tree.press('ArrowLeft'), DISTRICT);
  assert.equal(await tree.expanded(DISTRICT), 'false');
  assert.equal(await tree.press('End'), top.at(-1));
  await noSeriousViolations(page);
  // One tab stop: Tab leaves the tree, Shift+Tab comes back to the item last current.
  await page.keyboard.press('Tab');
  assert.notEqual((await tree.focused()).role, 'treeitem');
  await page.keyboard.press('Shift+Tab');
  assert.equal((await tree.focused()).name, top.at(-1));
  // Enter opens the organisation's page.
  await tree.press('Home');
  await page.keyboard.press('Enter');
  await tree.settled();
  assert.equal(await tree.heading(), top[0]);
});

test('the date decides who is a member: Stadt Grabow, a member from 2019, is none in 2018; open items stay open', async () => {
  const tree = new TreePage(page, server.baseUrl);
  await tree.open('2019-06-30');
  await tree.toggle(DISTRICT);
  await tree.below(DISTRICT);
  await tree.toggle('Amt Grabow');
  await tree.below('Amt Grabow');
  assert.match(await tree.row('Stadt Grabow'), /Mitglied/);
  assert.doesNotMatch(await tree.row('Stadt Grabow'), /kein Mitglied/);
  assert.match(await tree.row(DISTRICT), /Mitglied/);

  await tree.setAsOf('2018-06-30');
  // The tree of the new day stands in the old one's place.
  await page.getByRole('tree', { name: 'Organisationen am 30.06.2018' }).waitFor();
  assert.equal(await page.getByRole('tree').count(), 1);
  // The tree of the other day opens again what was open.
  assert.deepEqual(await tree.below('Amt Grabow'), ['Stadt Grabow']);
  assert.match(await tree.row('Stadt Grabow'), /kein Mitglied/);
  // A screen reader hears the row as the item's name, without what lies below it.
  await page.getByRole('treeitem', { name: /^Stadt Grabow\b.*kein Mitglied$/ }).waitFor();
  assert.equal(await page.getByRole('treeitem', { name: /Stadt Grabow/ }).count(), 1);
  assert.doesNotMatch(await tree.row(DISTRICT), /kein Mitglied/);
  await noSeriousViolations(page);
  await screenshot(page, 'tree-02-as-of-2018');
});

test('a member with a unit: the tree and its page show its workstations without and with the unit, the district none of its towns\'', async () => {
  const ids = await askIn(page, `{
    ludwigslust: organisations(filter: {search: "Stadt Ludwigslust"}) {
      nodes { id name workstations(asOf: "2021-12-31") before: workstations(asOf: "2019-06-30") }
    }
    services(filter: {search: "IT-BETRIEB-KERNVERWALTUNG"}) { nodes { id } }
  }`);
  const ludwigslust = ids.data.ludwigslust.nodes.find((o) => o.name === 'Stadt Ludwigslust');
  const own = ludwigslust.workstations;
  assert.ok(Number.isInteger(own) && own > 0, JSON.stringify(ids));
  const unit = await askIn(page, `mutation($parent: ID!) {
    createOrganisation(input: {name: "Eigenbetrieb Abwasser Ludwigslust", kind: EIGENBETRIEB, parentId: $parent, parentLink: UNIT}) { id }
  }`, { parent: ludwigslust.id });
  const unitId = unit.data.createOrganisation.id;
  const covered = await askIn(page, `mutation($org: ID!, $service: ID!) {
    createCoverage(input: {organisationId: $org, serviceId: $service, startsOn: "2020-01-01", workstations: 12}) { id }
  }`, { org: unitId, service: ids.data.services.nodes[0].id });
  assert.ok(!covered.errors, JSON.stringify(covered));
  const number = (n) => n.toLocaleString('de-DE');

  const tree = new TreePage(page, server.baseUrl);
  await tree.open('2021-12-31');
  await tree.toggle(DISTRICT);
  await tree.below(DISTRICT);
  assert.match(await tree.row('Stadt Ludwigslust'),
    new RegExp(`Arbeitsplätze: ${number(own)} ohne, ${number(own + 12)} mit Einheiten`));
  // The district's towns are members in their own right: their workstations are not its.
  assert.match(await tree.row(DISTRICT), /Arbeitsplätze: nicht erfasst/);
  await tree.toggle('Stadt Ludwigslust');
  assert.deepEqual(await tree.below('Stadt Ludwigslust'), ['Eigenbetrieb Abwasser Ludwigslust']);
  const unitRow = await tree.row('Eigenbetrieb Abwasser Ludwigslust');
  assert.match(unitRow, /Eigenbetrieb/);
  assert.match(unitRow, /Einheit/);
  assert.match(unitRow, /kein Mitglied/);
  assert.match(unitRow, /Arbeitsplätze: 12/);
  assert.match(await tree.item('Eigenbetrieb Abwasser Ludwigslust').getAttribute('class'), /tree-unit/);
  assert.doesNotMatch(await tree.item('Amt Grabow').getAttribute('class'), /tree-unit/);
  await noSeriousViolations(page);
  await screenshot(page, 'tree-03-unit');

  // The member's page shows both totals on its day: before the unit's service began, the same.
  await tree.link('Stadt Ludwigslust').click();
  await tree.settled();
  assert.equal(await tree.heading(), 'Stadt Ludwigslust');
  const fact = (term) => page.locator('main .fact', { has: page.locator('dt', { hasText: new RegExp(`^${term}$`) }) })
    .locator('dd').innerText();
  assert.equal(await fact('Arbeitsplätze ohne Einheiten'), number(own));
  assert.equal(await fact('Arbeitsplätze mit Einheiten'), number(own + 12));
  await page.goto(`${server.baseUrl}/members/${encodeURIComponent(ludwigslust.id)}?asOf=2019-06-30`);
  await tree.settled();
  assert.equal(await fact('Arbeitsplätze ohne Einheiten'), number(ludwigslust.before));
  assert.equal(await fact('Arbeitsplätze mit Einheiten'), number(ludwigslust.before));
  // The page leads to the tree on its day.
  await page.getByRole('link', { name: 'Organisationsbaum: Gebiet und Einheiten' }).click();
  await tree.tree().waitFor();
  assert.match(page.url(), /\/organisations\/tree\?asOf=2019-06-30$/);
});

test('in English the tree, its marks and figures speak English', async () => {
  const tree = new TreePage(page, server.baseUrl);
  await tree.open('2021-12-31');
  await tree.switchLanguage('English');
  try {
    await page.getByRole('heading', { name: 'Organisation tree', level: 1 }).waitFor();
    await tree.tree().waitFor();
    await tree.settled();
    assert.equal(await tree.tree().getAttribute('aria-label'), 'Organisations on 31 Dec 2021');
    assert.equal(await page.getByRole('textbox', { name: 'As of' }).inputValue(), '2021-12-31');
    await tree.toggle(DISTRICT);
    await tree.below(DISTRICT);
    assert.match(await tree.row('Stadt Ludwigslust'), /Member/);
    assert.match(await tree.row('Stadt Ludwigslust'), /Workstations: \d[\d,]* without, \d[\d,]* with units/);
    await tree.toggle('Stadt Ludwigslust');
    await tree.below('Stadt Ludwigslust');
    assert.match(await tree.row('Eigenbetrieb Abwasser Ludwigslust'), /Unit/);
    assert.match(await tree.row('Eigenbetrieb Abwasser Ludwigslust'), /not a member/);
    assert.match(await page.locator('main').innerText(), /Enter opens the organisation's page/);
    await noSeriousViolations(page);
    await screenshot(page, 'tree-04-english');
  } finally {
    await tree.switchLanguage('Deutsch');
  }
});

test('the navigation and the members list lead to the tree; the first view is one request, and the top level loads 50 at a time', async () => {
  const app = new AppPage(page, server.baseUrl);
  await app.open('/members?asOf=2019-01-01');
  await page.getByRole('link', { name: 'Organisationsbaum: Gebiet und Einheiten' }).click();
  await page.getByRole('tree').waitFor();
  assert.match(page.url(), /\/organisations\/tree\?asOf=2019-01-01$/);
  await app.open('/');
  await app.nav('Organisationsbaum');
  assert.equal(await app.heading(), 'Organisationsbaum');

  // More top-level organisations than one page holds.
  for (let i = 1; i <= 50; i += 1) {
    const made = await askIn(page, `mutation($name: String!) {
      createOrganisation(input: {name: $name, kind: GEMEINDE}) { id }
    }`, { name: `Zweckverband ${String(i).padStart(2, '0')}` });
    assert.ok(!made.errors, JSON.stringify(made));
  }
  const tree = new TreePage(page, server.baseUrl);
  const requests = recordRequests(page);
  await tree.open('2021-12-31');
  requests.stop();
  assert.equal(requests.sent.filter((body) => body.includes('TreeLevel')).length, 1);
  assert.equal((await tree.top()).length, 50);
  assert.equal(await page.locator('.tree-more span').innerText(),
    '50 von 54 Organisationen der obersten Ebene angezeigt.');
  await page.getByRole('button', { name: 'Weitere laden' }).click();
  await tree.item('Zweckverband 50').waitFor();
  assert.equal((await tree.top()).length, 54);
  // The first item loaded is the current one; the count and its button are gone.
  const focused = await tree.focused();
  assert.equal(focused.role, 'treeitem');
  assert.equal(focused.stops, 1);
  assert.equal(await page.locator('.tree-more').innerText(), '');
  assert.equal(await tree.item('Zweckverband 50').getAttribute('aria-setsize'), '54');
  await noSeriousViolations(page);
});
