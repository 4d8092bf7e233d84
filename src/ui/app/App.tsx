import { useEffect } from 'react';
import { useStudio, type Tab } from '../../state/store';
import { DiagnosticsPanel, ProblemCount } from '../import/DiagnosticsPanel';
import { DropZone } from '../import/DropZone';
import { ImportDialog } from '../import/ImportDialog';
import { SourcesPanel } from '../import/SourcesPanel';
import { SourceViewer } from '../import/SourceViewer';
import { GraphView } from '../graph/GraphView';
import { ConnectionsTable } from '../panels/ConnectionsTable';
import { DetailsPanel } from '../panels/DetailsPanel';
import { FilterBar } from '../panels/FilterBar';
import { MatrixView } from '../panels/MatrixView';
import { PoliciesView } from '../panels/PoliciesView';
import { ShortcutsOverlay } from './ShortcutsOverlay';
import { StatusBar } from './StatusBar';

const TABS: readonly { readonly id: Tab; readonly label: string }[] = [
  { id: 'graph', label: 'Graph' },
  { id: 'connections', label: 'Connections' },
  { id: 'matrix', label: 'Matrix' },
  { id: 'policies', label: 'Policies' },
];

/** The application shell: header, sources and problems on the left, views in the middle, details on the right. */
export function App() {
  const tab = useStudio((s) => s.tab);
  const setTab = useStudio((s) => s.setTab);
  const loadDemo = useStudio((s) => s.loadDemo);
  const openDialog = useStudio((s) => s.openDialog);

  useEffect(() => {
    if (useStudio.getState().sources.length === 0) loadDemo();
  }, [loadDemo]);

  return (
    <div className="shell">
      <header className="shell__header">
        <h1 className="shell__title">netpol-studio</h1>
        <button type="button" onClick={() => openDialog('import')}>
          Import…
        </button>
        <span className="shell__spacer" />
        <button type="button" aria-label="Keyboard shortcuts" onClick={() => openDialog('shortcuts')}>
          ?
        </button>
      </header>
      <main className="shell__main">
        <aside className="shell__side" aria-label="Workspace">
          <section aria-labelledby="region-sources" className="shell__region">
            <h2 id="region-sources">Sources</h2>
            <SourcesPanel />
          </section>
          <section aria-labelledby="region-problems" className="shell__region">
            <h2 id="region-problems">
              Problems <ProblemCount />
            </h2>
            <DiagnosticsPanel />
          </section>
        </aside>
        <section className="shell__center" aria-label="Reachability">
          <div role="tablist" aria-label="Views" className="tabs">
            {TABS.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                id={`tab-${t.id}`}
                aria-selected={tab === t.id}
                aria-controls={`panel-${t.id}`}
                onClick={() => setTab(t.id)}
              >
                {t.label}
              </button>
            ))}
          </div>
          <FilterBar />
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="shell__view">
            {tab === 'graph' && <GraphView />}
            {tab === 'connections' && <ConnectionsTable />}
            {tab === 'matrix' && <MatrixView />}
            {tab === 'policies' && <PoliciesView />}
          </div>
        </section>
        <aside className="shell__details" aria-label="Details">
          <DetailsPanel />
        </aside>
      </main>
      <StatusBar />
      <ImportDialog />
      <DropZone />
      <SourceViewer />
      <ShortcutsOverlay />
    </div>
  );
}
