/**
 * A YAML editor behind a small controller (design.md decision 7): the React side creates it once
 * in an effect and drives it through these methods; nothing else touches Monaco. The source viewer
 * uses it read-only; the policy editor (issue 4) builds on the same controller.
 */
import { monaco, monacoYaml } from './monaco';
import { minimalReplacement } from './text-edit';
import './yaml-editor.css';

export type EditorTheme = 'light' | 'dark';

export interface YamlEditorOptions {
  readonly value?: string;
  readonly readOnly?: boolean;
  readonly theme?: EditorTheme;
  /** The accessible name of the text area. */
  readonly ariaLabel?: string;
  /**
   * The model's path. monaco-yaml matches schemas by it (issue 4: `*.networkpolicy.yaml`); the
   * default is a unique path that matches no schema.
   */
  readonly path?: string;
  /** Wrap long lines (comments) instead of scrolling sideways. */
  readonly wordWrap?: boolean;
  /** Called after each edit by the user (not after `setValue`). */
  readonly onChange?: (value: string) => void;
}

/** A problem to mark in the text, 1-based lines and columns. */
export interface EditorMarker {
  readonly line: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly message: string;
  readonly severity: 'error' | 'warning' | 'info';
  /** Shown with the message, e.g. the diagnostic code. */
  readonly code?: string;
}

export interface YamlEditorController {
  setValue(value: string): void;
  /**
   * Replaces the text by one minimal model edit (the changed middle only), so the cursor and the
   * scroll position stay where they are; does not call `onChange`.
   */
  applyValue(value: string): void;
  /** Puts `markers` on the text under `owner` (replacing that owner's earlier ones). */
  setMarkers(owner: string, markers: readonly EditorMarker[]): void;
  getValue(): string;
  /** Scrolls lines (1-based, inclusive) into the centre and marks them; `null` clears the mark. */
  revealLines(line: number | null, endLine?: number): void;
  setTheme(theme: EditorTheme): void;
  setReadOnly(readOnly: boolean): void;
  focus(): void;
  /** Re-measures the container (Monaco also follows its size by itself). */
  layout(): void;
  dispose(): void;
  /** The Monaco editor, for the policy editor's richer needs and for tests. */
  readonly editor: monaco.editor.IStandaloneCodeEditor;
  readonly monaco: typeof monaco;
  readonly monacoYaml: typeof monacoYaml;
}

let nextModel = 1;

const themeName = (theme: EditorTheme): string => (theme === 'dark' ? 'vs-dark' : 'vs');

/** Creates a YAML editor in `container` (which must have a size). */
export function createYamlEditor(
  container: HTMLElement,
  options: YamlEditorOptions = {},
): YamlEditorController {
  const path = options.path ?? `/netpol-studio/view-${nextModel++}.yaml`;
  const model = monaco.editor.createModel(
    options.value ?? '',
    'yaml',
    monaco.Uri.from({ scheme: 'inmemory', path }),
  );
  const editor = monaco.editor.create(container, {
    model,
    readOnly: options.readOnly ?? false,
    domReadOnly: options.readOnly ?? false,
    theme: themeName(options.theme ?? 'light'),
    ariaLabel: options.ariaLabel ?? 'YAML',
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    renderLineHighlight: 'none',
    fontSize: 13,
    // Tab moves the focus on: the editor is one stop in the page's tab order, not a trap.
    tabFocusMode: true,
    fixedOverflowWidgets: true,
    wordWrap: options.wordWrap ? 'on' : 'off',
    ...(options.readOnly
      ? {
          occurrencesHighlight: 'off' as const,
          // Monaco draws squiggles only in editable editors by default; a view wants them too.
          renderValidationDecorations: 'on' as const,
          selectionHighlight: false,
          readOnlyMessage: { value: 'This is a view of the source: it cannot be edited here.' },
        }
      : {}),
  });
  let settingValue = false;
  const changes = options.onChange
    ? editor.onDidChangeModelContent(() => {
        if (!settingValue) options.onChange?.(model.getValue());
      })
    : null;
  const marks = editor.createDecorationsCollection();

  return {
    editor,
    monaco,
    monacoYaml,
    setValue(value) {
      if (value === model.getValue()) return;
      settingValue = true;
      try {
        model.setValue(value);
      } finally {
        settingValue = false;
      }
    },
    applyValue(value) {
      const edit = minimalReplacement(model.getValue(), value);
      if (!edit) return;
      const start = model.getPositionAt(edit.start);
      const end = model.getPositionAt(edit.end);
      settingValue = true;
      try {
        model.pushStackElement();
        model.pushEditOperations(
          editor.getSelections(),
          [
            {
              range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
              text: edit.text,
            },
          ],
          () => null,
        );
        model.pushStackElement();
      } finally {
        settingValue = false;
      }
    },
    setMarkers(owner, markers) {
      const last = model.getLineCount();
      monaco.editor.setModelMarkers(
        model,
        owner,
        markers.map((m) => {
          const line = Math.min(Math.max(1, m.line), last);
          const endLine = Math.min(Math.max(line, m.endLine ?? line), last);
          const column = Math.max(1, m.column ?? model.getLineFirstNonWhitespaceColumn(line));
          const endColumn =
            m.endColumn !== undefined && (m.endLine ?? line) <= last
              ? Math.max(m.endColumn, endLine === line ? column + 1 : 1)
              : model.getLineMaxColumn(endLine);
          return {
            startLineNumber: line,
            startColumn: column,
            endLineNumber: endLine,
            endColumn,
            message: m.message,
            severity:
              m.severity === 'error'
                ? monaco.MarkerSeverity.Error
                : m.severity === 'warning'
                  ? monaco.MarkerSeverity.Warning
                  : monaco.MarkerSeverity.Info,
            ...(m.code !== undefined ? { code: m.code } : {}),
          };
        }),
      );
    },
    getValue: () => model.getValue(),
    revealLines(line, endLine) {
      if (line === null) {
        marks.clear();
        return;
      }
      const last = model.getLineCount();
      const start = Math.min(Math.max(1, line), last);
      const end = Math.min(Math.max(start, endLine ?? start), last);
      marks.set([
        {
          range: new monaco.Range(start, 1, end, model.getLineMaxColumn(end)),
          options: {
            isWholeLine: true,
            className: 'yaml-editor__mark',
            linesDecorationsClassName: 'yaml-editor__mark-gutter',
            overviewRuler: {
              color: 'rgba(230, 160, 0, 0.8)',
              position: monaco.editor.OverviewRulerLane.Full,
            },
          },
        },
      ]);
      editor.revealLinesInCenter(start, end, monaco.editor.ScrollType.Immediate);
      editor.setPosition({ lineNumber: start, column: 1 });
    },
    setTheme: (theme) => monaco.editor.setTheme(themeName(theme)),
    setReadOnly: (readOnly) => editor.updateOptions({ readOnly, domReadOnly: readOnly }),
    focus: () => editor.focus(),
    layout: () => editor.layout(),
    dispose() {
      changes?.dispose();
      marks.clear();
      editor.dispose();
      model.dispose();
    },
  };
}
