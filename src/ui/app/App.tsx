const PRODUCT_NAME = 'netpol-studio';
const TAGLINE = 'See Kubernetes NetworkPolicy as it really behaves, and edit it visually.';

interface Region {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

/** The shell's regions. Each is a placeholder until the app itself lands (the next issue). */
const REGIONS: readonly Region[] = [
  { id: 'sources', title: 'Sources', text: 'Manifests you paste, upload or load from a cluster.' },
  { id: 'graph', title: 'Reachability', text: 'Who can reach whom, on which ports.' },
  { id: 'details', title: 'Details', text: 'Policies, rules and the reasons behind each verdict.' },
];

/** The application shell: a header and the three work regions. */
export function App() {
  return (
    <div className="shell">
      <header className="shell__header">
        <h1 className="shell__title">{PRODUCT_NAME}</h1>
        <p className="shell__tagline">{TAGLINE}</p>
      </header>
      <main className="shell__main">
        {REGIONS.map((region) => (
          <section key={region.id} className="shell__region" aria-labelledby={`region-${region.id}`}>
            <h2 id={`region-${region.id}`}>{region.title}</h2>
            <p>{region.text}</p>
          </section>
        ))}
      </main>
    </div>
  );
}
