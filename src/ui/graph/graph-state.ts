/**
 * The graph's own view state, kept outside the component so it survives switching tabs: which
 * groups and namespaces the user opened. (The viewport is the controller's, and is refitted.)
 */
import { create } from 'zustand';

interface GraphUiState {
  /** Keys of opened nodes: `g:<workload>`, `ns:<namespace>`, `ext`. */
  readonly expanded: ReadonlySet<string>;
  readonly toggle: (key: string) => void;
  readonly collapseAll: () => void;
}

export const useGraphUi = create<GraphUiState>()((set) => ({
  expanded: new Set(),
  toggle: (key) =>
    set((s) => {
      const next = new Set(s.expanded);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return { expanded: next };
    }),
  collapseAll: () => set({ expanded: new Set() }),
}));
