import { useStudio } from '../../state/store';
import { resolveTheme, useSystemDark, type ResolvedTheme } from '../app/theme';

/** The theme in effect for Monaco (`vs` / `vs-dark`): the person's choice, or the system's. */
export function useResolvedTheme(): ResolvedTheme {
  const choice = useStudio((s) => s.theme);
  return resolveTheme(choice, useSystemDark());
}
