/** Fake key events and event targets for the keyboard tests (no DOM needed). */
import type { KeyLike, TargetLike } from './keyboard';

/** A keydown of `key` with no modifier, not yet handled; `extra` overrides any field. */
export const press = (key: string, extra: Partial<KeyLike> = {}): KeyLike => ({
  key,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  defaultPrevented: false,
  ...extra,
});

/** An element with the tag, optionally a role or inside the Monaco editor; `extra` sets other fields. */
export const element = (
  tagName: string,
  extra: Partial<TargetLike> & { role?: string; inEditor?: boolean } = {},
): TargetLike => ({
  tagName,
  ...extra,
  getAttribute: (name) => (name === 'role' ? (extra.role ?? null) : null),
  closest: (selector) => (selector === '.monaco-editor' && extra.inEditor ? {} : null),
});
