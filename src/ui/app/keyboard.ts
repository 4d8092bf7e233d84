/**
 * Global keyboard shortcuts: what they are (for the `?` overlay), when a key press counts as one
 * (never while the person types in a field or an editor, never with Ctrl, Alt or Meta, never
 * while a dialog is open), and what each one does.
 */
import { useEffect } from 'react';
import { useLive } from '../../state/live';
import { useStudio, type Tab } from '../../state/store';
import { FILTER_SEARCH_ID } from '../panels/FilterBar';
import { nextTheme } from './theme';

export type ShortcutAction =
  | { readonly kind: 'help' }
  | { readonly kind: 'tab'; readonly tab: Tab }
  | { readonly kind: 'search' }
  | { readonly kind: 'import' }
  | { readonly kind: 'connect' }
  | { readonly kind: 'theme' }
  | { readonly kind: 'export' }
  | { readonly kind: 'undo' }
  | { readonly kind: 'redo' }
  | { readonly kind: 'escape' };

export interface Shortcut {
  /** The keys, as `KeyboardEvent.key` values. */
  readonly keys: readonly string[];
  readonly description: string;
  readonly action: ShortcutAction;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['?'], description: 'Show these keyboard shortcuts', action: { kind: 'help' } },
  { keys: ['g'], description: 'Show the graph', action: { kind: 'tab', tab: 'graph' } },
  { keys: ['c'], description: 'Show the connections table', action: { kind: 'tab', tab: 'connections' } },
  { keys: ['m'], description: 'Show the matrix', action: { kind: 'tab', tab: 'matrix' } },
  { keys: ['p'], description: 'Show the policies', action: { kind: 'tab', tab: 'policies' } },
  { keys: ['/'], description: 'Search pods and labels (the filter)', action: { kind: 'search' } },
  { keys: ['i'], description: 'Import manifests', action: { kind: 'import' } },
  { keys: ['k'], description: 'Connect to a cluster, or show the connection', action: { kind: 'connect' } },
  { keys: ['t'], description: 'Switch the theme: system, light, dark', action: { kind: 'theme' } },
  { keys: ['e'], description: 'Export the policies as YAML', action: { kind: 'export' } },
  { keys: ['Ctrl+Z', '⌘Z'], description: 'Undo the last policy change', action: { kind: 'undo' } },
  {
    keys: ['Ctrl+Shift+Z', '⌘⇧Z', 'Ctrl+Y'],
    description: 'Redo the policy change undone last',
    action: { kind: 'redo' },
  },
  { keys: ['Escape'], description: 'Clear the selection, or close a dialog', action: { kind: 'escape' } },
];

/** Keys that work inside the views but are not global (listed in the overlay too). */
export const VIEW_KEYS: readonly { readonly keys: readonly string[]; readonly description: string }[] = [
  { keys: ['←', '→', 'Home', 'End'], description: 'Move between the view tabs (when a tab has focus)' },
  {
    keys: ['Tab', 'Shift+Tab'],
    description: 'Move between controls; the first Tab offers "Skip to the views"',
  },
  { keys: ['Enter', 'Space'], description: 'Activate the focused button, row or tab' },
  { keys: ['[', ']'], description: 'In the graph: move through the selected node’s connections' },
  {
    keys: ['Enter'],
    description: 'In the graph: explain the connection chosen with [ or ] (else open or close a group)',
  },
  {
    keys: ['Shift+click', 'Ctrl+click', 'Shift+Space'],
    description: 'In the graph: pick or unpick pods, for a selector that selects exactly them',
  },
  { keys: ['Escape'], description: 'In the graph: clear the selection and the picked pods' },
];

/** How a key is shown: `Esc` for Escape, the character otherwise. */
export function keyLabel(key: string): string {
  return key === 'Escape' ? 'Esc' : key === ' ' ? 'Space' : key;
}

const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'datetime-local',
  'month',
  'time',
  'week',
]);

/** The part of an element the typing test reads (an interface, so it is testable without a DOM). */
export interface TargetLike {
  readonly tagName?: string;
  readonly type?: string;
  readonly isContentEditable?: boolean;
  getAttribute?(name: string): string | null;
  closest?(selector: string): unknown;
}

/** Whether key presses on this element are typing: text fields, text areas, selects, editors. */
export function isTypingTarget(target: TargetLike | null | undefined): boolean {
  if (!target || typeof target.tagName !== 'string') return false;
  const tag = target.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return TEXT_INPUT_TYPES.has((target.type ?? 'text').toLowerCase());
  if (target.isContentEditable) return true;
  const role = target.getAttribute?.('role');
  if (role === 'textbox' || role === 'combobox' || role === 'searchbox' || role === 'spinbutton') return true;
  // Monaco's hidden textarea is caught above; its other parts still belong to the editor.
  return Boolean(target.closest?.('.monaco-editor'));
}

export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly metaKey: boolean;
  readonly defaultPrevented: boolean;
  readonly isComposing?: boolean;
  readonly repeat?: boolean;
  readonly shiftKey?: boolean;
}

/**
 * Undo or redo of policy changes for a key press (Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z, Ctrl+Y), or null.
 * Never while typing: text fields and the editor have their own undo.
 */
export function historyKeyFor(event: KeyLike, target: TargetLike | null | undefined): 'undo' | 'redo' | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.defaultPrevented || event.isComposing)
    return null;
  if (isTypingTarget(target)) return null;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && event.ctrlKey && !event.shiftKey) return 'redo';
  return null;
}

/**
 * The shortcut a key press means, or null: not with Ctrl, Alt or Meta, not when something already
 * handled it, not while composing text, not while typing (Esc included: the field has its own).
 */
export function shortcutFor(event: KeyLike, target: TargetLike | null | undefined): ShortcutAction | null {
  if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented || event.isComposing)
    return null;
  if (isTypingTarget(target)) return null;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  const found = SHORTCUTS.find((s) => s.keys.includes(key));
  if (!found) return null;
  if (event.repeat && found.action.kind !== 'escape') return null;
  return found.action;
}

/** Whether a modal dialog (ours, or anyone's native `<dialog>`) is open. */
function dialogOpen(): boolean {
  const state = useStudio.getState();
  return (
    state.dialog !== null || state.sourceView !== null || document.querySelector('dialog[open]') !== null
  );
}

/** Runs a shortcut against the store and the page. */
export function runShortcut(action: ShortcutAction): void {
  const state = useStudio.getState();
  switch (action.kind) {
    case 'help':
      state.openDialog('shortcuts');
      break;
    case 'tab':
      state.setTab(action.tab);
      break;
    case 'search': {
      const input = document.getElementById(FILTER_SEARCH_ID);
      if (input instanceof HTMLInputElement) {
        input.focus();
        input.select();
      }
      break;
    }
    case 'import':
      state.openDialog('import');
      break;
    case 'connect':
      useLive.getState().setDialogOpen(true);
      break;
    case 'theme':
      state.setTheme(nextTheme(state.theme));
      break;
    case 'export':
      state.openDialog('export');
      break;
    case 'undo':
      state.undo();
      break;
    case 'redo':
      state.redo();
      break;
    case 'escape':
      if (state.selection !== null) state.select(null);
      break;
  }
}

/** Listens for the global shortcuts on the window. Mounted once, by the shell. */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // Dialogs own the keyboard (Esc closes them natively; Tab stays inside).
      if (dialogOpen()) return;
      const target = event.target instanceof Element ? (event.target as Element & TargetLike) : null;
      const step = historyKeyFor(event, target);
      if (step) {
        event.preventDefault();
        runShortcut({ kind: step });
        return;
      }
      const action = shortcutFor(event, target);
      if (!action) return;
      if (action.kind === 'escape' && useStudio.getState().selection === null) return;
      event.preventDefault();
      runShortcut(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
