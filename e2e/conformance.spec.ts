/**
 * The browser and the CLI must agree: cases of the netpol-analyzer conformance corpus are loaded
 * through the Import dialog's file chooser, as a person uploads files, and the report saved by
 * the Connections view's "Download JSON" button is compared with the case's expected.json under
 * the corpus runner's rules (e2e/support/conformance.ts).
 *
 * The corpus lives beside the checkout (`../shared/conformance/netpol-analyzer`, or under
 * $SHARED_DIR as for `npm test`). A representative subset runs by default;
 * E2E_ALL_CONFORMANCE=1 runs every case.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ImportDialog } from './pages/import-page';
import { ShellPage } from './pages/shell-page';
import { compareReport, listCases, loadCase, reportOf, type ConformanceCase } from './support/conformance';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** As `npm test` finds it: $SHARED_DIR (relative to the checkout), else ../shared beside the checkout. */
const CORPUS = resolve(ROOT, process.env['SHARED_DIR'] ?? '../shared', 'conformance/netpol-analyzer');
const ALL = process.env['E2E_ALL_CONFORMANCE'] === '1';

/**
 * Cases that between them cover: nested folders and repeated file names, workloads of every kind,
 * typed lists (`kind: PodList`...), pods grouped by owner, host-network pods, named ports,
 * endPort, ipBlocks with except, match expressions, Route/Ingress objects to ignore, tab
 * indentation, no policies at all, and the biggest reports (thousands of connections).
 */
const SUBSET = [
  'acs-security-demos',
  'acs-security-demos-added-workloads',
  'core_pods_without_host_ip',
  'example_pods_w_same_owner_and_labels_gap_with_good_match_expression',
  'exposure_allow_all_two_workloads_test',
  'exposure_test_egress_with_named_port_with_matching_pod',
  'exposure_test_ingress_from_entire_cluster_with_named_ports',
  'exposure_test_with_match_expression_not_in_op_with_matching_pods',
  'exposure_test_with_no_netpols',
  'ipblockstest',
  'ipblockstest_4',
  'k8s_ingress_test',
  'minikube_resources',
  'multiple_topology_resources_1',
  'netpol_named_port_test_2',
  'new_online_boutique_synthesis',
  'onlineboutique_workloads_changed_netpols_and_workloads',
  'semanticDiff-different-topologies-policy-a-with-ipblock',
  'semanticDiff-same-topologies-new1',
  'test_with_named_ports_changed_netpol_2',
  'vm_example',
  'with_end_port_example',
];

const corpusFound = existsSync(CORPUS);
const names = corpusFound ? (ALL ? listCases(CORPUS) : SUBSET) : [];

/** How many analyses have finished on the page (the app marks each one). */
const analysesDone = (page: Page): Promise<number> =>
  page.evaluate(() => performance.getEntriesByName('analysis-ready').length);

/** Uploads a case's manifests through the Import dialog (replacing the workspace) and waits for its analysis. */
async function importCase(page: Page, c: ConformanceCase): Promise<void> {
  const shell = new ShellPage(page);
  const before = await analysesDone(page);
  const dialog = new ImportDialog(page);
  await dialog.open();
  await dialog.chooseFiles([...c.inputs]);
  await expect(dialog.chosenFiles).toHaveCount(c.inputs.length);
  await dialog.chooseMode('Replace the workspace');
  await dialog.submit();
  await expect.poll(() => analysesDone(page), { timeout: 60_000 }).toBeGreaterThan(before);
  await shell.waitReady();
}

/** Saves the report with the Connections view's "Download JSON" button and parses it. */
async function downloadReport(page: Page): Promise<unknown> {
  const shell = new ShellPage(page);
  await shell.tab('Connections').click();
  await shell.expectView('Connections');
  const button = shell.panel.getByRole('button', { name: 'Download JSON' });
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  return JSON.parse(await readFile(await download.path(), 'utf8')) as unknown;
}

test.describe('conformance: the browser agrees with the expected results', () => {
  test.skip(
    !corpusFound,
    `the conformance corpus is not at ${CORPUS} (CI places shared/ beside the checkout)`,
  );

  test('the comparer accepts an equal report and catches a changed one', () => {
    const sample = loadCase(CORPUS, 'ipblockstest');
    const expected = sample.expected;
    if (expected.format === 'matrix') throw new Error('ipblockstest should be a connections case');
    expect(compareReport(expected, reportOf(expected))).toEqual([]);

    // One pair's ports changed, one IP range dropped, one endpoint missing: each is caught.
    const ids = new Set(expected.endpoints.map((e) => (typeof e === 'string' ? e : e.id)));
    const pair = expected.connections.findIndex((c) => ids.has(c.from) && ids.has(c.to));
    const range = expected.connections.findIndex((c) => !ids.has(c.from) || !ids.has(c.to));
    expect(pair).toBeGreaterThanOrEqual(0);
    expect(range).toBeGreaterThanOrEqual(0);
    const changed = expected.connections.map((c, i) =>
      i === pair ? { ...c, ports: { TCP: '1', UDP: '', SCTP: '' } } : c,
    );
    expect(compareReport(expected, reportOf({ ...expected, connections: changed })).join('\n')).toMatch(
      /workload pair mismatch/,
    );
    const dropped = expected.connections.filter((_, i) => i !== range);
    expect(compareReport(expected, reportOf({ ...expected, connections: dropped })).join('\n')).toMatch(
      /0 workload pair mismatch\(es\), [1-9]\d* IP range mismatch/,
    );
    const fewer = { ...expected, endpoints: expected.endpoints.slice(1) };
    expect(compareReport(expected, reportOf(fewer)).join('\n')).toMatch(/missing endpoints \(1\)/);
  });

  for (const name of names) {
    test(name, async ({ page }) => {
      expect(existsSync(resolve(CORPUS, name, 'expected.json')), `case ${name} exists`).toBe(true);
      const c = loadCase(CORPUS, name);
      test.skip(c.expected.skip !== undefined, `the case says: ${c.expected.skip ?? ''}`);
      expect(c.inputs.length, 'the case has manifests').toBeGreaterThan(0);

      await new ShellPage(page).open();
      await importCase(page, c);
      const report = await downloadReport(page);
      const differences = compareReport(c.expected, report);
      expect(differences.slice(0, 12), `${differences.length} difference(s)`).toEqual([]);
    });
  }
});
