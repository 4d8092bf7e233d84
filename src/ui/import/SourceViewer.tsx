import { useId } from 'react';
import { useStudio } from '../../state/store';
import { sourceTextOf } from '../../state/workspace';
import { YamlEditorView } from '../editor/YamlEditorView';
import { Modal } from './Modal';
import './import.css';

/** The source viewer: a source's text, read-only, scrolled to and marking the asked lines. */
export function SourceViewer() {
  const view = useStudio((s) => s.sourceView);
  const openSource = useStudio((s) => s.openSource);
  const titleId = useId();
  const close = () => openSource(null);
  return (
    <Modal
      open={view !== null}
      onClose={close}
      labelledBy={titleId}
      className="source-viewer"
      closeOnBackdrop
    >
      {view && (
        <SourceViewerBody
          titleId={titleId}
          sourceName={view.sourceName}
          line={view.line}
          endLine={view.endLine}
          onClose={close}
        />
      )}
    </Modal>
  );
}

interface BodyProps {
  readonly titleId: string;
  readonly sourceName: string;
  readonly line: number | undefined;
  readonly endLine: number | undefined;
  readonly onClose: () => void;
}

function SourceViewerBody({ titleId, sourceName, line, endLine, onClose }: BodyProps) {
  // An imported source, or the text of a policy edit or of the draft (`edit:…`, `draft:…`).
  const text = useStudio((s) => sourceTextOf(s, sourceName));
  const where =
    line === undefined
      ? ''
      : endLine !== undefined && endLine > line
        ? `lines ${line}–${endLine}`
        : `line ${line}`;
  return (
    <div className="source-viewer__body">
      <header className="modal__header">
        <h2 id={titleId} className="source-viewer__title">
          <span className="source-viewer__name">{sourceName}</span>
          {where && (
            <>
              {' '}
              <span className="source-viewer__where">{where}</span>
            </>
          )}
        </h2>
        <button type="button" className="modal__close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      {text === undefined ? (
        <p className="source-viewer__missing">This source is no longer in the workspace.</p>
      ) : (
        <YamlEditorView
          className="source-viewer__editor"
          value={text}
          readOnly
          autoFocus
          ariaLabel={`${sourceName} (read-only)`}
          line={line}
          endLine={endLine}
        />
      )}
    </div>
  );
}
