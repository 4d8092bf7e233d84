import './components.css';
import type { ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'allow' | 'deny' | 'warn' | 'info';

/** A small coloured label; the text carries the meaning, the colour only repeats it. */
export function Badge({
  tone = 'neutral',
  title,
  children,
}: {
  tone?: BadgeTone;
  title?: string;
  children: ReactNode;
}) {
  return (
    <span className={`badge badge--${tone}`} title={title}>
      {children}
    </span>
  );
}
