/**
 * The colour theme: the person's choice (`system`, `light` or `dark`, kept in localStorage) and
 * the theme in effect, written on the root element as `data-theme="light|dark"` (plus
 * `data-theme-choice`) and as its `color-scheme`, so that app.css's palette variables,
 * `light-dark()` and the system colours (Canvas, CanvasText) all follow it.
 */
import { useEffect, useLayoutEffect, useSyncExternalStore } from 'react';
import { useStudio, type StudioState } from '../../state/store';

export type ThemeChoice = StudioState['theme'];
export type ResolvedTheme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'netpol-studio.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';
const CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

/** The toggle's order: system → light → dark → system. */
export function nextTheme(choice: ThemeChoice): ThemeChoice {
  return CHOICES[(CHOICES.indexOf(choice) + 1) % CHOICES.length] ?? 'system';
}

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (CHOICES as readonly string[]).includes(value);
}

/** The theme in effect for a choice and the system's preference. */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean): ResolvedTheme {
  if (choice === 'system') return systemDark ? 'dark' : 'light';
  return choice;
}

/** How the toggle names a choice. */
export function themeLabel(choice: ThemeChoice): string {
  return choice === 'system' ? 'System' : choice === 'light' ? 'Light' : 'Dark';
}

/** The stored choice, or null when there is none (or storage is unavailable, or holds junk). */
export function readStoredTheme(storage: Pick<Storage, 'getItem'> | undefined): ThemeChoice | null {
  try {
    const value = storage?.getItem(THEME_STORAGE_KEY);
    return isThemeChoice(value) ? value : null;
  } catch {
    return null; // storage can throw (privacy modes, sandboxed frames)
  }
}

export function writeStoredTheme(storage: Pick<Storage, 'setItem'> | undefined, choice: ThemeChoice): void {
  try {
    storage?.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Not persisted: the choice still holds for this page.
  }
}

const browserStorage = (): Storage | undefined => {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
};

function subscribeSystem(onChange: () => void): () => void {
  if (typeof matchMedia === 'undefined') return () => {};
  const query = matchMedia(DARK_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

const systemIsDark = (): boolean => typeof matchMedia !== 'undefined' && matchMedia(DARK_QUERY).matches;

/** Whether the system prefers dark, following changes. */
export function useSystemDark(): boolean {
  return useSyncExternalStore(subscribeSystem, systemIsDark, () => false);
}

/**
 * Keeps the root element's theme in step with the store and the system, restores the stored
 * choice on mount and persists changes. Mounted once, by the shell.
 */
export function useThemeSync(): { readonly choice: ThemeChoice; readonly resolved: ResolvedTheme } {
  const choice = useStudio((s) => s.theme);
  const setTheme = useStudio((s) => s.setTheme);
  const resolved = resolveTheme(choice, useSystemDark());

  // Before the first paint: the stored choice, so a dark page never flashes light.
  useLayoutEffect(() => {
    const stored = readStoredTheme(browserStorage());
    if (stored !== null && stored !== useStudio.getState().theme) setTheme(stored);
  }, [setTheme]);

  useLayoutEffect(() => {
    const root = document.documentElement;
    root.dataset['theme'] = resolved;
    root.dataset['themeChoice'] = choice;
    root.style.colorScheme = resolved;
  }, [choice, resolved]);

  // Persist only what the person chose (the first render still holds the default).
  useEffect(
    () =>
      useStudio.subscribe((state, previous) => {
        if (state.theme !== previous.theme) writeStoredTheme(browserStorage(), state.theme);
      }),
    [],
  );

  return { choice, resolved };
}
