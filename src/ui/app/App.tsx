import { useEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent, type ReactNode } from 'react';
import { useStudio, type Tab } from '../../state/store';
import { ExportDialog } from '../export/ExportDialog';
import { NewWorkspaceDialog } from '../export/NewWorkspaceDialog';
import { WorkspaceActions, WorkspaceNotice } from '../export/WorkspaceActions';
import { DiagnosticsPanel, ProblemCount } from '../import/DiagnosticsPanel';
import { DropZone } from '../import/DropZone';
import { ImportDialog } from '../import/ImportDialog';
import { SourcesPanel } from '../import/SourcesPanel';
import { SourceViewer } from '../import/SourceViewer';
import { GraphView } from '../graph/GraphView';
import { ConnectDialog } from '../live/ConnectDialog';
import { useClusterDeepLink } from '../live/hooks';
import { LiveIndicator, LiveProblems } from '../live/LiveIndicator';
import { ConnectionsTable } from '../panels/ConnectionsTable';
import { DetailsPanel } from '../panels/DetailsPanel';
import { FilterBar } from '../panels/FilterBar';
import { MatrixView } from '../panels/MatrixView';
import { PoliciesView } from '../panels/PoliciesView';
import { NewPolicyButton } from '../policy-editor/NewPolicyDialog';
import { PolicyEditor } from '../policy-editor/PolicyEditor';
import { useGlobalShortcuts } from './keyboard';
import { ShortcutsOverlay } from './ShortcutsOverlay';
import { StatusBar } from './StatusBar';
import { ThemeToggle } from './ThemeToggle';
import { useThemeSync } from './theme';

const TABS: readonly { readonly id: Tab; readonly label: string; readonly key: string }[] = [
  { id: 'graph', label: 'Graph', key: 'g' },
  { id: 'connections', label: 'Connections', key: 'c' },
  { id: 'matrix', label: 'Matrix', key: 'm' },
  { id: 'policies', label: 'Policies', key: 'p' },
];

/** Below this width the shell is one column: the side regions fold, the details follow the view. */
const NARROW_QUERY = '(max-width: 900px)';

function subscribeNarrow(onChange: () => void): () => void {
  const query = matchMedia(NARROW_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
const isNarrow = (): boolean => matchMedia(NARROW_QUERY).matches;

/** The WAI-ARIA tabs pattern: one tab in the Tab order, arrows, Home and End move and select. */
function ViewTabs() {
  const tab = useStudio((s) => s.tab);
  const setTab = useStudio((s) => s.setTab);
  const refs = useRef(new Map<Tab, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const at = TABS.findIndex((t) => t.id === tab);
    const to =
      event.key === 'ArrowRight'
        ? (at + 1) % TABS.length
        : event.key === 'ArrowLeft'
          ? (at - 1 + TABS.length) % TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? TABS.length - 1
              : -1;
    const next = TABS[to];
    if (!next) return;
    event.preventDefault();
    setTab(next.id);
    refs.current.get(next.id)?.focus();
  };
  return (
    <div role="tablist" aria-label="Views" className="tabs">
      {TABS.map((t) => (
        <button
          key={t.id}
          ref={(el) => {
            if (el) refs.current.set(t.id, el);
            else refs.current.delete(t.id);
          }}
          type="button"
          role="tab"
          id={`tab-${t.id}`}
          aria-selected={tab === t.id}
          aria-controls={`panel-${t.id}`}
          tabIndex={tab === t.id ? 0 : -1}
          title={`${t.label} (${t.key})`}
          onClick={() => setTab(t.id)}
          onKeyDown={onKeyDown}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

/**
 * A side region whose heading is a disclosure button: open by default on wide screens, folded
 * on narrow ones (Problems stays open there when there are problems) until the person toggles it.
 */
function FoldingRegion({
  id,
  heading,
  narrow,
  openWhenNarrow,
  children,
}: {
  readonly id: string;
  readonly heading: ReactNode;
  readonly narrow: boolean;
  readonly openWhenNarrow: boolean;
  readonly children: ReactNode;
}) {
  const [chosen, setChosen] = useState<boolean | null>(null);
  const open = chosen ?? (narrow ? openWhenNarrow : true);
  return (
    <section aria-labelledby={`region-${id}`} className="shell__region" data-open={open}>
      <h2 id={`region-${id}`} className="shell__region-heading">
        <button
          type="button"
          className="shell__fold"
          aria-expanded={open}
          aria-controls={`region-${id}-body`}
          onClick={() => setChosen(!open)}
        >
          <span className="shell__fold-mark" aria-hidden="true" />
          {heading}
        </button>
      </h2>
      <div id={`region-${id}-body`} className="shell__region-body" hidden={!open}>
        {children}
      </div>
    </section>
  );
}

function useHasProblems(): boolean {
  return useStudio((s) => s.result?.diagnostics.some((d) => d.code !== 'IGNORED_KIND') ?? false);
}

/** The application shell: header, sources and problems on the left, views in the middle, details on the right. */
export function App() {
  const tab = useStudio((s) => s.tab);
  const restoreWorkspace = useStudio((s) => s.restoreWorkspace);
  const openDialog = useStudio((s) => s.openDialog);
  const theme = useThemeSync();
  const narrow = useSyncExternalStore(subscribeNarrow, isNarrow, () => false);
  const hasProblems = useHasProblems();
  const editing = useStudio((s) => s.draft !== null);
  const mainView = useRef<HTMLElement>(null);
  useGlobalShortcuts();
  useClusterDeepLink();

  // The saved workspace, or the demo when none is saved.
  useEffect(() => {
    void restoreWorkspace();
  }, [restoreWorkspace]);

  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main-view"
        onClick={(event) => {
          event.preventDefault();
          mainView.current?.focus();
        }}
      >
        Skip to the views
      </a>
      <header className="shell__header">
        <h1 className="shell__title">netpol-studio</h1>
        <button type="button" title="Import manifests (i)" onClick={() => openDialog('import')}>
          Import…
        </button>
        <NewPolicyButton />
        <LiveIndicator />
        <span className="shell__spacer" />
        <WorkspaceActions />
        <ThemeToggle choice={theme.choice} resolved={theme.resolved} />
        <button
          type="button"
          className="shell__help"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
          onClick={() => openDialog('shortcuts')}
        >
          ?
        </button>
        <WorkspaceNotice />
        <LiveProblems />
      </header>
      <main className="shell__main" data-editing={editing || undefined}>
        <aside className="shell__side" aria-label="Workspace">
          <FoldingRegion id="sources" heading="Sources" narrow={narrow} openWhenNarrow={false}>
            <SourcesPanel />
          </FoldingRegion>
          <FoldingRegion
            id="problems"
            heading={
              <>
                Problems <ProblemCount />
              </>
            }
            narrow={narrow}
            openWhenNarrow={hasProblems}
          >
            <DiagnosticsPanel />
          </FoldingRegion>
        </aside>
        <section
          ref={mainView}
          id="main-view"
          tabIndex={-1}
          className="shell__center"
          aria-label="Reachability"
        >
          <ViewTabs />
          <FilterBar />
          <div
            role="tabpanel"
            id={`panel-${tab}`}
            aria-labelledby={`tab-${tab}`}
            className={`shell__view shell__view--${tab}`}
          >
            {tab === 'graph' && <GraphView />}
            {tab === 'connections' && <ConnectionsTable />}
            {tab === 'matrix' && <MatrixView />}
            {tab === 'policies' && <PoliciesView />}
          </div>
        </section>
        <aside
          className={`shell__details${editing ? ' shell__details--editor' : ''}`}
          aria-label={editing ? 'Policy editor' : 'Details'}
        >
          {editing ? <PolicyEditor /> : <DetailsPanel />}
        </aside>
      </main>
      <StatusBar />
      <ImportDialog />
      <DropZone />
      <SourceViewer />
      <ShortcutsOverlay />
      <ConnectDialog />
      <ExportDialog />
      <NewWorkspaceDialog />
    </div>
  );
}
