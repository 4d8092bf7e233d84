import { useEffect, useRef, useState, type RefObject } from 'react';
import type { createYamlEditor, YamlEditorController } from './yaml-editor';
import './editor-view.css';

/** What a component does at each step of its Monaco editor's life. */
export interface LazyYamlEditorSteps {
  /** Once Monaco has loaded: create the editor in `mount` (before it is shown). */
  readonly create: (mount: HTMLElement, create: typeof createYamlEditor) => YamlEditorController;
  /** Right after the editor is shown. */
  readonly ready?: (controller: YamlEditorController) => void;
  /** When the editor goes away, before it is disposed. */
  readonly beforeDispose?: (controller: YamlEditorController) => void;
  /** When the editor goes away, after it is disposed. */
  readonly afterDispose?: (controller: YamlEditorController) => void;
}

/** The host element to render, the editor once it is ready, and why it could not load. */
export interface LazyYamlEditor {
  readonly host: RefObject<HTMLDivElement | null>;
  readonly controller: YamlEditorController | null;
  readonly failure: string | null;
}

/**
 * A Monaco YAML editor in `host`, loaded with import() on first use so the first screen does not
 * pay for it. It is created again whenever `key` changes; `steps` are read when each step happens,
 * so they may close over the latest render.
 */
export function useLazyYamlEditor(key: string, steps: LazyYamlEditorSteps): LazyYamlEditor {
  const host = useRef<HTMLDivElement>(null);
  const [controller, setController] = useState<YamlEditorController | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const stepsRef = useRef(steps);
  useEffect(() => {
    stepsRef.current = steps;
  });

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
      .then((m) => {
        if (disposed) return;
        const editor = stepsRef.current.create(mount, m.createYamlEditor);
        created = editor;
        setController(editor);
        stepsRef.current.ready?.(editor);
      })
      .catch((err: unknown) => {
        if (!disposed) setFailure(err instanceof Error ? err.message : String(err));
      });
    return () => {
      disposed = true;
      if (created) {
        stepsRef.current.beforeDispose?.(created);
        created.dispose();
        stepsRef.current.afterDispose?.(created);
      }
      setController(null);
      mount.remove();
    };
  }, [key]);

  return { host, controller, failure };
}

/** The element a lazy editor lives in: a loading note until it is ready, the reason if it failed. */
export function LazyYamlEditorFrame({
  editor: { host, controller, failure },
  className,
}: {
  readonly editor: LazyYamlEditor;
  readonly className?: string | undefined;
}) {
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
