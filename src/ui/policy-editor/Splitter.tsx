import type { KeyboardEvent, PointerEvent } from 'react';

/** The form's share of the height is kept within these bounds. */
export const MIN_SHARE = 0.15;
export const MAX_SHARE = 0.85;

/** A share clamped to the bounds (NaN gives the middle). */
export function clampShare(share: number): number {
  if (Number.isNaN(share)) return 0.5;
  return Math.min(MAX_SHARE, Math.max(MIN_SHARE, share));
}

/**
 * A horizontal handle between the form (above) and the YAML (below): drag it, or focus it and use
 * the arrow keys (Home and End for the bounds), to give one of them more room.
 */
export function Splitter({
  share,
  onChange,
  controls,
}: {
  /** The form's share of the body's height, 0..1. */
  readonly share: number;
  readonly onChange: (share: number) => void;
  readonly controls: string;
}) {
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const handle = event.currentTarget;
    const body = handle.parentElement;
    if (!body) return;
    event.preventDefault();
    handle.setPointerCapture(event.pointerId);
    const box = body.getBoundingClientRect();
    const move = (e: globalThis.PointerEvent) => onChange(clampShare((e.clientY - box.top) / box.height));
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 0.15 : 0.05;
    const next =
      event.key === 'ArrowUp'
        ? share - step
        : event.key === 'ArrowDown'
          ? share + step
          : event.key === 'Home'
            ? MIN_SHARE
            : event.key === 'End'
              ? MAX_SHARE
              : null;
    if (next === null) return;
    event.preventDefault();
    onChange(clampShare(next));
  };
  return (
    <div
      className="pe__splitter"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the form and the YAML"
      aria-controls={controls}
      aria-valuemin={Math.round(MIN_SHARE * 100)}
      aria-valuemax={Math.round(MAX_SHARE * 100)}
      aria-valuenow={Math.round(share * 100)}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
