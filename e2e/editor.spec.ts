import { expect, test } from './fixtures';
import { EditorPage } from './pages/editor-page';
import { GraphPage } from './pages/graph-page';
import { TablesPage } from './pages/tables-page';

test.describe('the policy editor', () => {
  test('a policy built with the form alone: YAML, impact, and after Apply the connections', async ({
    page,
  }) => {
    const e = new EditorPage(page);
    await e.open();
    await e.newPolicy('Blank policy', { Namespace: 'sandbox', 'Policy name': 'debug-from-frontend' });

    await e.addLabel(e.subject.getByRole('group', { name: 'Pods in sandbox with' }), 'app', 'debug');
    await expect(e.subject).toContainText('1 endpoint selected in sandbox');
    await expect(e.subject).toContainText('sandbox/debug-shell');

    await e.ingress.getByRole('button', { name: '+ Ingress rule' }).click();
    const rule = e.rule('Ingress', 1);
    await rule.getByRole('button', { name: '+ Peer' }).click();
    const peer = e.peer(rule, 1);
    await peer
      .getByRole('combobox', { name: 'Kind of peer 1' })
      .selectOption({ label: 'All pods in matching namespaces' });
    await e.addLabel(
      peer.getByRole('group', { name: 'All pods in namespaces with' }),
      'kubernetes.io/metadata.name',
      'frontend',
    );
    await rule.getByRole('button', { name: '+ Port' }).click();
    await rule.getByRole('combobox', { name: 'Port (number or name)' }).fill('2222');

    await expect.poll(() => e.yaml()).toContain('app: debug');
    const yaml = await e.yaml();
    expect(yaml).toContain('name: debug-from-frontend');
    expect(yaml).toContain('namespace: sandbox');
    expect(yaml).toMatch(
      /ingress:\n\s+- from:\n\s+- namespaceSelector:\n\s+matchLabels:\n\s+kubernetes.io\/metadata.name: frontend/,
    );
    expect(yaml).toMatch(/protocol: TCP\n\s+port: 2222|port: 2222/);

    // The impact: debug-shell was open to everything; now only frontend on TCP 2222.
    await expect(e.impact).toContainText(/\+0 \/ −[1-9][\d,]* connections/);
    await e.impact.getByRole('button', { name: 'Show the list' }).click();
    await expect(e.impact.getByRole('list', { name: 'Changed connections' })).toContainText(
      'sandbox/debug-shell',
    );

    await e.apply.click();
    await expect(e.editor).toBeHidden();
    const t = new TablesPage(page);
    await t.openConnections();
    await t.search.fill('debug-shell');
    await expect(t.connectionRows.first()).toBeVisible();
    // Every connection into debug-shell now comes from frontend.
    const into = (await t.pairs()).filter((p) => p.endsWith('> sandbox/debug-shell'));
    expect(into.length).toBeGreaterThan(0);
    for (const p of into) expect(p).toMatch(/^frontend\//);
  });
});

test.describe('the policy editor, YAML side', () => {
  test('typing in the YAML updates the form as soon as it parses', async ({ page }) => {
    const e = new EditorPage(page);
    await e.open();
    await e.newPolicy('Blank policy', { Namespace: 'sandbox', 'Policy name': 'typed' });
    await expect.poll(() => e.yaml()).toContain('podSelector: {}');

    await e.selectLine(await e.lineOf('podSelector: {}'));
    await page.keyboard.insertText('podSelector: { matchLabels: { app: debug } }');
    const selector = e.subject.getByRole('group', { name: 'Pods in sandbox with' });
    await expect(selector.getByRole('combobox', { name: 'Label key' })).toHaveValue('app');
    await expect(selector.getByRole('combobox', { name: 'Value of app' })).toHaveValue('debug');
    await expect(e.subject).toContainText('1 endpoint selected in sandbox');

    await e.selectLine(await e.lineOf('name: typed'));
    await page.keyboard.insertText('name: renamed-in-yaml');
    await expect(e.form.getByRole('textbox', { name: 'Name' })).toHaveValue('renamed-in-yaml');
    await expect(e.editor.getByRole('heading', { name: 'sandbox/renamed-in-yaml' })).toBeVisible();
  });

  test('a comment typed in the YAML survives form edits', async ({ page }) => {
    const e = new EditorPage(page);
    await e.open();
    await e.newPolicy('Blank policy', { Namespace: 'sandbox', 'Policy name': 'commented' });
    await e.typeAtLineEnd(await e.lineOf('spec:'), '  # keep me, I explain things');
    await expect.poll(() => e.yaml()).toContain('# keep me, I explain things');
    const cursorBefore = await e.cursor();

    await e.addLabel(e.subject.getByRole('group', { name: 'Pods in sandbox with' }), 'app', 'debug');
    await e.ingress.getByRole('button', { name: '+ Ingress rule' }).click();
    await e.rule('Ingress', 1).getByRole('button', { name: '+ Port' }).click();
    await e.rule('Ingress', 1).getByRole('combobox', { name: 'Port (number or name)' }).fill('8080');
    await e.form.getByRole('textbox', { name: 'Name' }).fill('still-commented');

    await expect.poll(() => e.yaml()).toContain('port: 8080');
    const yaml = await e.yaml();
    expect(yaml).toContain('spec:  # keep me, I explain things');
    expect(yaml).toContain('name: still-commented');
    expect(yaml).toContain('app: debug');
    // The template's own comments are still there too.
    expect(yaml).toContain('# The pods this policy applies to');
    // The form's edits reached Monaco as small edits below the cursor: it did not move.
    expect(await e.cursor()).toEqual(cursorBefore);
  });

  test('broken YAML: markers at the line, the form keeps its last state; fixing it recovers', async ({
    page,
  }) => {
    const e = new EditorPage(page);
    await e.open();
    await e.newPolicy('Blank policy', { Namespace: 'sandbox', 'Policy name': 'fragile' });
    await expect.poll(() => e.yaml()).toContain('name: fragile');
    const before = await e.yaml();

    const line = await e.lineOf('name: fragile');
    await e.selectLine(line);
    await page.keyboard.insertText('name: fragile: broken');
    await expect
      .poll(async () => (await e.markers()).filter((m) => m.owner === 'netpol-studio').length)
      .toBeGreaterThan(0);
    await expect(e.editor.getByRole('status').filter({ hasText: 'The YAML does not parse' })).toBeVisible();
    // The form still shows the last good policy, greyed and not editable.
    const name = e.form.getByRole('textbox', { name: 'Name' });
    await expect(name).toBeDisabled();
    await expect(name).toHaveValue('fragile');
    await expect(e.apply).toBeDisabled();

    await e.selectLine(line);
    await page.keyboard.insertText('name: fragile');
    await expect(name).toBeEnabled();
    await expect(e.editor.getByRole('status').filter({ hasText: 'The YAML does not parse' })).toBeHidden();
    await expect
      .poll(async () => (await e.markers()).filter((m) => m.owner === 'netpol-studio').length)
      .toBe(0);
    expect(await e.yaml()).toBe(before);
    await expect(e.apply).toBeEnabled();
  });

  test('schema-aware editing: validation, hover documentation and completion', async ({ page }) => {
    const e = new EditorPage(page);
    await e.open();
    await e.newPolicy('Blank policy', { Namespace: 'sandbox', 'Policy name': 'schema' });
    await expect.poll(() => e.yaml()).toContain('podSelector: {}');

    // Validation: an unknown field under spec gets the schema's marker.
    await e.typeAtLineEnd(await e.lineOf('podSelector: {}'), '\n');
    await page.keyboard.insertText('bogusField: 1');
    await expect
      .poll(async () => (await e.markers()).map((m) => m.message).join('\n'), { timeout: 15_000 })
      .toContain('Property bogusField is not allowed.');
    // The importer rejects it too; a field the form has no place for is listed above the form.
    const problems = e.editor.locator('summary').filter({ hasText: /problems? in this policy/ });
    await expect(problems).toBeVisible();
    await problems.click();
    await expect(e.editor.locator('.pe-problems')).toContainText('bogusField');

    // Hover: the Kubernetes description of podSelector.
    const podLine = await e.lineOf('podSelector: {}');
    await page.evaluate((l) => {
      const ed = window.__draftEditor!.editor;
      ed.setPosition({ lineNumber: l, column: ed.getModel()!.getLineFirstNonWhitespaceColumn(l) + 2 });
      ed.focus();
      ed.trigger('test', 'editor.action.showHover', {});
    }, podLine);
    await expect(
      page.locator('.monaco-hover').filter({ hasText: 'podSelector selects the pods' }),
    ).toBeVisible({
      timeout: 15_000,
    });
    await page.keyboard.press('Escape');

    // Completion: on a new line under spec, the keys not yet written are offered.
    await e.selectLine(await e.lineOf('bogusField: 1'));
    await page.keyboard.press('Backspace');
    await page.evaluate(() =>
      window.__draftEditor!.editor.trigger('test', 'editor.action.triggerSuggest', {}),
    );
    const suggest = page.locator('.suggest-widget');
    await expect(suggest).toBeVisible({ timeout: 15_000 });
    await expect(suggest).toContainText('egress');
    await expect(suggest).toContainText('ingress');
  });
});

test.describe('the policy editor, form details', () => {
  test('AND in one peer card, OR between peers, every operator, messages next to the fields', async ({
    page,
  }) => {
    const e = new EditorPage(page);
    await e.open();
    await page.getByRole('tab', { name: 'Policies' }).click();
    await page
      .getByRole('table', { name: 'Policies' })
      .getByRole('row')
      .filter({ hasText: 'orders' })
      .first()
      .click();
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await expect(e.editor.getByRole('heading', { name: 'backend/orders' })).toBeVisible();

    // Egress rule 2 of orders: pods app=postgres AND namespaces team=data, one card.
    const rule = e.rule('Egress', 2);
    const andPeer = e.peer(rule, 1);
    await expect(andPeer.getByRole('combobox', { name: 'Kind of peer 1' })).toHaveValue('podsInNamespaces');
    await expect(andPeer.getByRole('separator', { name: 'AND' })).toBeVisible();
    await expect(andPeer).toContainText('1 endpoint matches');
    await expect(andPeer).toContainText('data/postgres-0');
    await expect(rule.getByRole('separator', { name: 'OR' })).toHaveCount(0);
    await rule.getByRole('button', { name: '+ Peer' }).click();
    await expect(rule.getByRole('separator', { name: 'OR' })).toHaveCount(1);
    await expect(e.peer(rule, 2)).toBeVisible();

    // Every operator; values only where they are allowed; the importer's message next to the field.
    const selector = e.subject.getByRole('group', { name: 'Pods in backend with' });
    await selector.getByRole('button', { name: '+ Expression' }).click();
    await selector.getByRole('combobox', { name: 'Expression key' }).fill('tier');
    const op = selector.getByRole('combobox', { name: 'Operator' });
    await expect(op.getByRole('option')).toHaveText(['In', 'NotIn', 'Exists', 'DoesNotExist']);
    await expect(selector).toContainText('SELECTOR_VALUES_REQUIRED');
    await expect(e.apply).toBeDisabled();
    await selector.getByRole('combobox', { name: 'Values of tier (comma-separated)' }).fill('api, web');
    await expect(selector).not.toContainText('SELECTOR_VALUES_REQUIRED');
    await expect.poll(() => e.yaml()).toMatch(/key: tier\n\s+operator: In\n\s+values:\n\s+- api\n\s+- web/);
    await op.selectOption('Exists');
    await expect(selector.getByRole('combobox', { name: /Values of tier/ })).toHaveCount(0);
    await expect.poll(() => e.yaml()).toMatch(/key: tier\n\s+operator: Exists\n/);
    await op.selectOption('NotIn');
    await expect(selector).toContainText('SELECTOR_VALUES_REQUIRED');
    await selector.getByRole('button', { name: 'Remove expression tier' }).click();
    await expect(selector).not.toContainText('SELECTOR_VALUES_REQUIRED');

    // A port name the API server rejects, then a range.
    const port = e.rule('Egress', 1).getByRole('combobox', { name: 'Port (number or name)' });
    await port.fill('Not_A_Name');
    await expect(e.rule('Egress', 1)).toContainText('PORT_NAME_INVALID');
    await port.fill('8000');
    await e.rule('Egress', 1).getByRole('textbox', { name: 'to port (endPort, optional)' }).fill('7000');
    await expect(e.rule('Egress', 1)).toContainText('END_PORT_BELOW_PORT');
    await e.rule('Egress', 1).getByRole('textbox', { name: 'to port (endPort, optional)' }).fill('8100');
    await expect(e.rule('Egress', 1)).not.toContainText('END_PORT_BELOW_PORT');
    await expect.poll(() => e.yaml()).toMatch(/port: 8000\n\s+endPort: 8100/);

    await e.discard.click();
    await expect(e.editor).toBeHidden();
  });
});

test.describe('the policy editor, templates and the policy set', () => {
  test('a template with its parameters, then the whole policy set (read-only)', async ({ page }) => {
    const e = new EditorPage(page);
    await e.open();
    await page.getByRole('button', { name: 'New policy…' }).click();
    await e.dialog.getByRole('radio', { name: 'Allow DNS egress' }).check();
    await expect(e.dialog).toContainText('kube-dns');
    await e.dialog.getByLabel('Namespace', { exact: true }).fill('sandbox');
    await e.dialog.getByRole('button', { name: 'Create' }).click();

    await expect(e.editor.getByRole('heading', { name: /^sandbox\// })).toBeVisible();
    const rule = e.rule('Egress', 1);
    await expect(rule).toBeVisible();
    await expect(rule.getByRole('combobox', { name: 'Port (number or name)' }).first()).toHaveValue('53');
    await expect.poll(() => e.yaml()).toContain('namespace: sandbox');
    expect(await e.yaml()).toMatch(/^#/m);
    await expect(e.impact).toContainText(/connections/);

    // The handle between the form and the YAML gives one of them more room, by keyboard too.
    const handle = e.editor.getByRole('separator', { name: 'Resize the form and the YAML' });
    await expect(handle).toHaveAttribute('aria-valuenow', '55');
    const formBox = async () => (await e.editor.locator('.pe__form').boundingBox())?.height ?? 0;
    const before = await formBox();
    await handle.focus();
    await page.keyboard.press('Shift+ArrowDown');
    await expect(handle).toHaveAttribute('aria-valuenow', '70');
    expect(await formBox()).toBeGreaterThan(before);
    await e.editor.getByRole('checkbox', { name: 'Show the whole policy set (read-only)' }).check();
    await expect.poll(() => e.yaml()).toContain('name: postgres-from-orders');
    const set = await e.yaml();
    expect(set).toContain('namespace: sandbox');
    expect(set.split(/^---$/m).length).toBe(14);
    await e.editor.getByRole('checkbox', { name: 'Show the whole policy set (read-only)' }).uncheck();
    await expect.poll(() => e.yaml()).not.toContain('postgres-from-orders');
  });
});

test.describe('the policy editor and the graph', () => {
  test('pods picked on the graph fill a selector, or the editor says why not', async ({ page }) => {
    const e = new EditorPage(page);
    const graph = new GraphPage(page);
    await e.open();
    await graph.ready();
    await graph.clickWith('Shift', 'ep:data/postgres-0');
    await expect(graph.status).toContainText('1 picked for a selector');

    await e.newPolicy('Blank policy', { Namespace: 'backend', 'Policy name': 'to-postgres' });
    // The policy is in backend: its own pods cannot be the picked pod of data.
    await e.subject.getByRole('button', { name: 'Use picked pods (1)' }).click();
    await expect(e.subject.getByRole('status')).toContainText('The picked pods are in data');

    await e.egress.getByRole('button', { name: '+ Egress rule' }).click();
    const rule = e.rule('Egress', 1);
    await rule.getByRole('button', { name: '+ Peer' }).click();
    await e.peer(rule, 1).getByRole('button', { name: 'Use picked pods (1)' }).click();
    const peer = e.peer(rule, 1);
    await expect(peer.getByRole('combobox', { name: 'Kind of peer 1' })).toHaveValue('podsInNamespaces');
    await expect(peer).toContainText('1 endpoint matches');
    await expect(peer).toContainText('data/postgres-0');
    await expect.poll(() => e.yaml()).toContain('kubernetes.io/metadata.name: data');
  });
});

test.describe('the policy editor on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the editor comes into sight, fits the width, and Apply stays at hand', async ({ page }) => {
    const e = new EditorPage(page);
    await e.open();
    await e.newPolicy('Default deny ingress', { Namespace: 'sandbox' });
    await expect(e.form.getByRole('textbox', { name: 'Name' })).toBeInViewport();
    await expect(e.apply).toBeInViewport();
    // Nothing sticks out sideways.
    const overflow = await e.editor.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await e.ingress.scrollIntoViewIfNeeded();
    await expect(e.apply).toBeInViewport();
    await expect(e.impact).toContainText(/connections/);
    await e.apply.click();
    await expect(e.editor).toBeHidden();
  });
});

test.describe('the policy editor and history', () => {
  test('undo and redo step through form edits; the form and the YAML follow', async ({ page }) => {
    const e = new EditorPage(page);
    await e.open();
    await e.newPolicy('Blank policy', { Namespace: 'sandbox', 'Policy name': 'history' });
    const selector = e.subject.getByRole('group', { name: 'Pods in sandbox with' });
    await e.addLabel(selector, 'app', 'debug');
    await expect.poll(() => e.yaml()).toContain('app: debug');
    // Changes of the draft within a second are one undo step (typing); a person pauses longer.
    await page.waitForTimeout(1100);
    await e.ingress.getByRole('button', { name: '+ Ingress rule' }).click();
    await expect(e.rule('Ingress', 1)).toBeVisible();

    await e.ingress.getByRole('heading', { name: 'Ingress rules' }).click();
    await page.keyboard.press('Control+z');
    await expect(e.rule('Ingress', 1)).toHaveCount(0);
    await expect.poll(() => e.yaml()).not.toContain('ingress:\n');
    await page.keyboard.press('Control+z');
    await expect(selector.getByRole('combobox', { name: 'Label key' })).toHaveCount(0);
    await expect.poll(() => e.yaml()).not.toContain('app: debug');
    await expect(e.editor.getByRole('heading', { name: 'sandbox/history' })).toBeVisible();
    await page.keyboard.press('Control+Shift+z');
    await expect(selector.getByRole('combobox', { name: 'Label key' })).toHaveValue('app');
    await expect.poll(() => e.yaml()).toContain('app: debug');
  });
});
