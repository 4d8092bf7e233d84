import { expect, test } from './fixtures';
import { EditorPage } from './pages/editor-page';
import { TablesPage } from './pages/tables-page';

test.describe('the policy editor', () => {
  test('a policy built with the form alone: YAML, impact, and after Apply the connections', async ({
    page,
  }) => {
    const e = new EditorPage(page);
    await e.open();
    await e.newPolicy('Blank policy', { Namespace: 'sandbox', 'Policy name': 'debug-from-frontend' });

    await e.addLabel(e.subject.getByRole('group', { name: 'Pods in sandbox with' }), 'app', 'debug');
    await expect(e.subject).toContainText('1 endpoints selected in sandbox');
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
