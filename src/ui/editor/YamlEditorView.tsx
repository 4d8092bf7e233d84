import { useEffect, useRef } from 'react';
import type { YamlEditorController } from './yaml-editor';
import { LazyYamlEditorFrame, useLazyYamlEditor } from './lazy-yaml-editor';
import { useResolvedTheme } from './theme';

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
  const theme = useResolvedTheme();
  // The values the controller is created with; later changes go through the effects below.
  const initial = useRef({ value, readOnly, ariaLabel, theme, autoFocus });
  const onReadyRef = useRef(onReady);
  useEffect(() => {
    onReadyRef.current = onReady;
  }, [onReady]);

  const editor = useLazyYamlEditor('', {
    create: (mount, createYamlEditor) => {
      const init = initial.current;
      return createYamlEditor(mount, {
        value: init.value,
        readOnly: init.readOnly,
        theme: init.theme,
        ariaLabel: init.ariaLabel,
      });
    },
    ready: (created) => {
      onReadyRef.current?.(created);
      if (initial.current.autoFocus) created.focus();
    },
    afterDispose: () => onReadyRef.current?.(null),
  });
  const { controller } = editor;

  useEffect(() => controller?.setValue(value), [controller, value]);
  useEffect(() => controller?.setReadOnly(readOnly), [controller, readOnly]);
  useEffect(() => controller?.setTheme(theme), [controller, theme]);
  useEffect(() => controller?.revealLines(line ?? null, endLine), [controller, value, line, endLine]);

  return <LazyYamlEditorFrame editor={editor} className={className} />;
}
