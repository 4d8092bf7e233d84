import { useEffect, useRef, useState } from 'react';
import { useStudio } from '../../state/store';
import { dragHasFiles, droppedItems, plural, readDropped, uniqueNames } from './files';
import './import.css';

type Mode = 'replace' | 'add';

function modeAt(target: EventTarget | null): Mode | null {
  if (!(target instanceof Element)) return null;
  const mode = target.closest('[data-drop-mode]')?.getAttribute('data-drop-mode');
  return mode === 'replace' || mode === 'add' ? mode : null;
}

/**
 * Drag and drop files or folders anywhere on the window. While files are dragged over the page,
 * an overlay offers two targets: drop on "Replace the workspace" to start over with the dropped
 * files, or on "Add to the workspace" to keep the current sources (a drop that misses both adds).
 * Folders are walked; inside them only *.yaml, *.yml and *.json files count. While a dialog is
 * open the overlay stays away (the Import dialog takes drops itself).
 */
export function DropZone() {
  const [active, setActive] = useState(false);
  const [hover, setHover] = useState<Mode | null>(null);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const blocked = useStudio((s) => s.dialog !== null || s.sourceView !== null);
  const blockedRef = useRef(blocked);
  useEffect(() => {
    blockedRef.current = blocked;
  }, [blocked]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 6000);
    return () => clearTimeout(timer);
  }, [notice]);

  useEffect(() => {
    const hide = () => {
      setActive(false);
      setHover(null);
    };
    const onEnter = (event: DragEvent) => {
      if (!dragHasFiles(event.dataTransfer) || blockedRef.current) return;
      event.preventDefault();
      setActive(true);
    };
    const onOver = (event: DragEvent) => {
      if (!dragHasFiles(event.dataTransfer)) return;
      if (blockedRef.current) {
        // A dialog is open: it may take the drop itself; elsewhere the drop does nothing.
        if (!event.defaultPrevented) {
          event.preventDefault();
          if (event.dataTransfer) event.dataTransfer.dropEffect = 'none';
        }
        return;
      }
      // Claim every file drag, so a drop never makes the browser navigate to the file.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      setActive(true);
      setHover(modeAt(event.target));
    };
    const onLeave = (event: DragEvent) => {
      // relatedTarget is null when the pointer leaves the window.
      if (event.relatedTarget === null) hide();
    };
    const onDrop = (event: DragEvent) => {
      if (!dragHasFiles(event.dataTransfer)) return;
      const handled = event.defaultPrevented; // the Import dialog took it
      event.preventDefault();
      hide();
      if (handled || blockedRef.current || !event.dataTransfer) return;
      const mode = modeAt(event.target) ?? 'add';
      const items = droppedItems(event.dataTransfer);
      void readDropped(items)
        .then(async (picked) => {
          if (picked.files.length === 0) {
            setNotice({
              text: `Nothing to import: no YAML or JSON files${picked.skipped.length ? ` (${plural(picked.skipped.length, 'file')} skipped)` : ''}.`,
              error: true,
            });
            return;
          }
          const texts = await Promise.all(picked.files.map((f) => f.read()));
          const { sources, importSources } = useStudio.getState();
          const names = uniqueNames(
            mode === 'add' ? sources.map((s) => s.name) : [],
            picked.files.map((f) => f.name),
          );
          importSources(
            picked.files.map((f, i) => ({
              name: names[i] ?? f.name,
              text: texts[i] ?? '',
              ...(f.blob ? { blob: f.blob } : {}),
            })),
            mode,
          );
          const skipped = picked.skipped.length
            ? `; skipped ${plural(picked.skipped.length, 'file')} that ${picked.skipped.length === 1 ? 'is' : 'are'} not YAML or JSON`
            : '';
          setNotice({
            text: `${mode === 'add' ? 'Added' : 'Replaced the workspace with'} ${plural(picked.files.length, 'file')}${skipped}.`,
            error: false,
          });
        })
        .catch((err: unknown) =>
          setNotice({
            text: `The dropped files could not be read: ${err instanceof Error ? err.message : String(err)}`,
            error: true,
          }),
        );
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    window.addEventListener('dragend', hide);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
      window.removeEventListener('dragend', hide);
    };
  }, []);

  return (
    <>
      {active && (
        <div className="dropzone" data-testid="drop-overlay">
          <div
            className={`dropzone__target${hover === 'replace' ? ' dropzone__target--hover' : ''}`}
            data-drop-mode="replace"
          >
            <strong>Replace the workspace</strong>
            <span>Drop here to start over with these files</span>
          </div>
          <div
            className={`dropzone__target${hover !== 'replace' ? ' dropzone__target--hover' : ''}`}
            data-drop-mode="add"
          >
            <strong>Add to the workspace</strong>
            <span>Drop here to keep the current sources</span>
          </div>
        </div>
      )}
      <div className="dropzone__notice-host" role="status" aria-live="polite">
        {notice && (
          <p className={`dropzone__notice${notice.error ? ' dropzone__notice--error' : ''}`}>{notice.text}</p>
        )}
      </div>
    </>
  );
}
