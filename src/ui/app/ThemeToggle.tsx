import { useStudio } from '../../state/store';
import { nextTheme, themeLabel, type ResolvedTheme, type ThemeChoice } from './theme';

const ICONS: Readonly<Record<ThemeChoice, string>> = { system: '◐', light: '☀', dark: '☾' };

/** The header's theme switch: system → light → dark, one click (or `t`) at a time. */
export function ThemeToggle({
  choice,
  resolved,
}: {
  readonly choice: ThemeChoice;
  readonly resolved: ResolvedTheme;
}) {
  const setTheme = useStudio((s) => s.setTheme);
  const next = nextTheme(choice);
  const now = choice === 'system' ? `System (${resolved})` : themeLabel(choice);
  return (
    <button
      type="button"
      className="shell__theme"
      aria-label={`Theme: ${themeLabel(choice)}`}
      title={`Theme: ${now}. Switch to ${themeLabel(next).toLowerCase()} (t)`}
      onClick={() => setTheme(next)}
    >
      <span aria-hidden="true" className="shell__theme-icon">
        {ICONS[choice]}
      </span>{' '}
      <span className="shell__theme-text">{themeLabel(choice)}</span>
    </button>
  );
}
