import { useSyncExternalStore } from 'react';
import { useStudio } from '../../state/store';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  if (typeof matchMedia === 'undefined') return () => {};
  const query = matchMedia(DARK_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

const systemIsDark = (): boolean => typeof matchMedia !== 'undefined' && matchMedia(DARK_QUERY).matches;

/** The theme in effect: the user's choice (`store.theme`), or the system's when it is `system`. */
export function useResolvedTheme(): 'light' | 'dark' {
  const choice = useStudio((s) => s.theme);
  const dark = useSyncExternalStore(subscribe, systemIsDark, () => false);
  if (choice === 'system') return dark ? 'dark' : 'light';
  return choice;
}
