import { describe, expect, it } from 'vitest';
import { historyKeyFor, SHORTCUTS, shortcutFor } from './keyboard';
import { element, press } from './keyboard-fakes';

describe('undo and redo keys', () => {
  const body = element('BODY');

  it('Ctrl+Z and Cmd+Z undo; with Shift, and Ctrl+Y, redo', () => {
    expect(historyKeyFor(press('z', { ctrlKey: true }), body)).toBe('undo');
    expect(historyKeyFor(press('z', { metaKey: true }), body)).toBe('undo');
    expect(historyKeyFor(press('Z', { ctrlKey: true, shiftKey: true }), body)).toBe('redo');
    expect(historyKeyFor(press('z', { metaKey: true, shiftKey: true }), body)).toBe('redo');
    expect(historyKeyFor(press('y', { ctrlKey: true }), body)).toBe('redo');
  });

  it('ignores the keys without Ctrl or Cmd, with Alt, and other letters', () => {
    expect(historyKeyFor(press('z'), body)).toBeNull();
    expect(historyKeyFor(press('z', { ctrlKey: true, altKey: true }), body)).toBeNull();
    expect(historyKeyFor(press('x', { ctrlKey: true }), body)).toBeNull();
    expect(historyKeyFor(press('y', { metaKey: true }), body)).toBeNull();
    expect(historyKeyFor(press('z', { ctrlKey: true, defaultPrevented: true }), body)).toBeNull();
  });

  it('leaves text fields and the editor their own undo', () => {
    for (const target of [
      element('INPUT', { type: 'text' }),
      element('TEXTAREA'),
      element('DIV', { inEditor: true }),
    ]) {
      expect(historyKeyFor(press('z', { ctrlKey: true }), target)).toBeNull();
      expect(historyKeyFor(press('y', { ctrlKey: true }), target)).toBeNull();
    }
  });

  it('lists undo, redo and export in the overlay; e opens the export', () => {
    const described = SHORTCUTS.map((s) => s.action.kind);
    expect(described).toEqual(expect.arrayContaining(['undo', 'redo', 'export']));
    expect(shortcutFor(press('e'), body)).toEqual({ kind: 'export' });
  });
});
