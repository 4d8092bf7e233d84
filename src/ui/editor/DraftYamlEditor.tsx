import { useEffect, useRef } from 'react';
import type { EditorMarker, YamlEditorController } from './yaml-editor';
import { LazyYamlEditorFrame, useLazyYamlEditor } from './lazy-yaml-editor';
import { useResolvedTheme } from './theme';

/** How long typing pauses before the text goes to the store (and the form follows). */
export const TYPING_DEBOUNCE_MS = 150;

export interface DraftYamlEditorProps {
  /** The draft's text (the source of truth); the editor follows it without moving the cursor. */
  readonly text: string;
  /** Typing, debounced: the new text. Not called for changes that came in through `text`. */
  readonly onChange?: (text: string) => void;
  readonly readOnly?: boolean;
  /** Problems to mark in the text (YAML errors, the importer's diagnostics). */
  readonly markers: readonly EditorMarker[];
  /** A unique name per draft; `.networkpolicy.yaml` is added, so the schema applies. */
  readonly modelName: string;
  /** Whether the NetworkPolicy schema applies (off for the whole policy set view). */
  readonly schema?: boolean;
  readonly ariaLabel: string;
  readonly className?: string;
}

declare global {
  interface Window {
    /** Test hook: the policy editor's Monaco controller, while it is shown. */
    __draftEditor?: YamlEditorController | undefined;
  }
}

/**
 * The policy editor's YAML: Monaco on the draft text, in sync both ways. Typing reaches the store
 * after a short pause; a change from the form (or undo) arrives as `text` and is applied as one
 * minimal edit, so what the person is looking at does not jump. While typing is pending, an
 * older `text` from the store never overwrites what is being typed.
 */
export function DraftYamlEditor({
  text,
  onChange,
  readOnly = false,
  markers,
  modelName,
  schema = true,
  ariaLabel,
  className,
}: DraftYamlEditorProps) {
  const theme = useResolvedTheme();
  const initial = useRef({ text, readOnly, theme, ariaLabel });
  const onChangeRef = useRef(onChange);
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; text: string } | null>(null);
  const sent = useRef<string | null>(null);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  const flush = () => {
    const p = pending.current;
    if (!p) return;
    clearTimeout(p.timer);
    pending.current = null;
    sent.current = p.text;
    onChangeRef.current?.(p.text);
  };
  const path = `/netpol-studio/${modelName}${schema ? '.networkpolicy.yaml' : '.yaml'}`;
  const editor = useLazyYamlEditor(path, {
    create: (mount, createYamlEditor) => {
      const init = initial.current;
      const created = createYamlEditor(mount, {
        value: init.text,
        readOnly: init.readOnly,
        theme: init.theme,
        ariaLabel: init.ariaLabel,
        wordWrap: true,
        path,
        onChange: (value) => {
          if (pending.current) clearTimeout(pending.current.timer);
          pending.current = { text: value, timer: setTimeout(flush, TYPING_DEBOUNCE_MS) };
        },
      });
      created.editor.onDidBlurEditorText(flush);
      window.__draftEditor = created;
      return created;
    },
    beforeDispose: (created) => {
      flush();
      if (window.__draftEditor === created) window.__draftEditor = undefined;
    },
  });
  const { controller } = editor;

  useEffect(() => {
    if (!controller) return;
    // Typing not yet sent, or the store echoing what was just sent: the editor is already ahead.
    if (pending.current) return;
    if (sent.current !== null && text === sent.current) {
      sent.current = null;
      if (controller.getValue() === text) return;
    }
    sent.current = null;
    controller.applyValue(text);
  }, [controller, text]);
  useEffect(() => controller?.setReadOnly(readOnly), [controller, readOnly]);
  useEffect(() => controller?.setTheme(theme), [controller, theme]);
  useEffect(() => controller?.setMarkers('netpol-studio', markers), [controller, markers, text]);

  return <LazyYamlEditorFrame editor={editor} className={className} />;
}
