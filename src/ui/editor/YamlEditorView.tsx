import { useEffect, useRef, useState } from 'react';
import type { YamlEditorController } from './yaml-editor';
import { useResolvedTheme } from './theme';
import './editor-view.css';

export interface YamlEditorViewProps {
  readonly value: string;
  readonly readOnly?: boolean;
  readonly ariaLabel: string;
  /** 1-based lines to scroll to and mark. */
  readonly line?: number | undefined;
  readonly endLine?: number | undefined;
  /** Focus the editor once it is ready. */
  readonly autoFocus?: boolean;
  readonly className?: string;
  /** Called with the controller once Monaco has loaded, and with null when it goes away. */
  readonly onReady?: (controller: YamlEditorController | null) => void;
}

/**
 * A Monaco YAML editor as a React component. Monaco is loaded with import() on first use, so the
 * first screen does not pay for it; until then (about a second) a plain message shows.
 */
export function YamlEditorView({
  value,
  readOnly = false,
  ariaLabel,
  line,
  endLine,
  autoFocus = false,
  className,
  onReady,
}: YamlEditorViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const [controller, setController] = useState<YamlEditorController | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const theme = useResolvedTheme();
  // The values the controller is created with; later changes go through the effects below.
  const initial = useRef({ value, readOnly, ariaLabel, theme, autoFocus });
  const onReadyRef = useRef(onReady);
  useEffect(() => {
    onReadyRef.current = onReady;
  }, [onReady]);

  useEffect(() => {
    const container = host.current;
    if (!container) return;
    // Each mount gets its own element, so a StrictMode remount never shares Monaco's DOM.
    const mount = document.createElement('div');
    mount.className = 'yaml-editor__mount';
    container.appendChild(mount);
    let disposed = false;
    let created: YamlEditorController | null = null;
    import('./yaml-editor')
      .then(({ createYamlEditor }) => {
        if (disposed) return;
        const init = initial.current;
        created = createYamlEditor(mount, {
          value: init.value,
          readOnly: init.readOnly,
          theme: init.theme,
          ariaLabel: init.ariaLabel,
        });
        setController(created);
        onReadyRef.current?.(created);
        if (init.autoFocus) created.focus();
      })
      .catch((err: unknown) => {
        if (!disposed) setFailure(err instanceof Error ? err.message : String(err));
      });
    return () => {
      disposed = true;
      if (created) {
        created.dispose();
        onReadyRef.current?.(null);
      }
      setController(null);
      mount.remove();
    };
  }, []);

  useEffect(() => controller?.setValue(value), [controller, value]);
  useEffect(() => controller?.setReadOnly(readOnly), [controller, readOnly]);
  useEffect(() => controller?.setTheme(theme), [controller, theme]);
  useEffect(() => controller?.revealLines(line ?? null, endLine), [controller, value, line, endLine]);

  return (
    <div className={`yaml-editor ${className ?? ''}`} ref={host} aria-busy={controller ? undefined : true}>
      {!controller && !failure && <p className="yaml-editor__loading">Loading the editor…</p>}
      {failure && (
        <p role="alert" className="yaml-editor__loading">
          The editor could not load: {failure}
        </p>
      )}
    </div>
  );
}
