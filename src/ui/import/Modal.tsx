import { useEffect, useRef, type ReactNode, type KeyboardEvent, type MouseEvent } from 'react';

export interface ModalProps {
  readonly open: boolean;
  /** Called when the person closes the dialog (Esc, a close button calling it, the backdrop). */
  readonly onClose: () => void;
  /** The id of the element that names the dialog (its heading). */
  readonly labelledBy: string;
  readonly describedBy?: string;
  readonly className?: string;
  /** Close on a click on the backdrop, outside the dialog's box. */
  readonly closeOnBackdrop?: boolean;
  readonly children: ReactNode;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => !el.hidden && el.getClientRects().length > 0,
  );
}

/**
 * A modal dialog on the native `<dialog>`: `showModal()` makes the rest of the page inert and puts
 * the dialog on top; Esc closes it; Tab and Shift+Tab wrap around inside it; focus returns to
 * where it was. The children mount only while it is open, so each opening starts fresh.
 */
export function Modal({
  open,
  onClose,
  labelledBy,
  describedBy,
  className,
  closeOnBackdrop = false,
  children,
}: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const handleClose = () => onCloseRef.current();
    dialog.addEventListener('close', handleClose);
    return () => {
      dialog.removeEventListener('close', handleClose);
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, [open]);

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab' || !ref.current) return;
    const items = focusables(ref.current);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    const active = document.activeElement;
    if (event.shiftKey && (active === first || !ref.current.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !ref.current.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  };

  const onClick = (event: MouseEvent<HTMLDialogElement>) => {
    if (!closeOnBackdrop || event.target !== ref.current) return;
    const box = ref.current.getBoundingClientRect();
    const inside =
      event.clientX >= box.left &&
      event.clientX <= box.right &&
      event.clientY >= box.top &&
      event.clientY <= box.bottom;
    if (!inside) onCloseRef.current();
  };

  return (
    <dialog
      ref={ref}
      className={`modal ${className ?? ''}`}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onKeyDown={onKeyDown}
      onClick={onClick}
    >
      {open && children}
    </dialog>
  );
}
