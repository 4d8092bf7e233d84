import { describe, expect, it } from 'vitest';
import { isTypingTarget, keyLabel, SHORTCUTS, shortcutFor } from './keyboard';
import { element, press } from './keyboard-fakes';

describe('keyboard shortcuts', () => {
  it('maps each documented key to its action', () => {
    const body = element('BODY');
    expect(shortcutFor(press('?'), body)).toEqual({ kind: 'help' });
    expect(shortcutFor(press('g'), body)).toEqual({ kind: 'tab', tab: 'graph' });
    expect(shortcutFor(press('c'), body)).toEqual({ kind: 'tab', tab: 'connections' });
    expect(shortcutFor(press('m'), body)).toEqual({ kind: 'tab', tab: 'matrix' });
    expect(shortcutFor(press('p'), body)).toEqual({ kind: 'tab', tab: 'policies' });
    expect(shortcutFor(press('/'), body)).toEqual({ kind: 'search' });
    expect(shortcutFor(press('i'), body)).toEqual({ kind: 'import' });
    expect(shortcutFor(press('t'), body)).toEqual({ kind: 'theme' });
    expect(shortcutFor(press('Escape'), body)).toEqual({ kind: 'escape' });
    expect(shortcutFor(press('x'), body)).toBeNull();
  });

  it('ignores keys with Ctrl, Alt or Meta, handled keys and composition', () => {
    const body = element('BODY');
    expect(shortcutFor(press('c', { ctrlKey: true }), body)).toBeNull();
    expect(shortcutFor(press('g', { altKey: true }), body)).toBeNull();
    expect(shortcutFor(press('p', { metaKey: true }), body)).toBeNull();
    expect(shortcutFor(press('Escape', { defaultPrevented: true }), body)).toBeNull();
    expect(shortcutFor(press('i', { isComposing: true }), body)).toBeNull();
    expect(shortcutFor(press('t', { repeat: true }), body)).toBeNull();
  });

  it('ignores keys typed into fields and editors', () => {
    for (const target of [
      element('INPUT', { type: 'search' }),
      element('INPUT', { type: 'text' }),
      element('INPUT', { type: 'number' }),
      element('TEXTAREA'),
      element('SELECT'),
      element('DIV', { isContentEditable: true }),
      element('DIV', { role: 'combobox' }),
      element('DIV', { inEditor: true }),
    ]) {
      expect(isTypingTarget(target)).toBe(true);
      expect(shortcutFor(press('g'), target)).toBeNull();
      expect(shortcutFor(press('Escape'), target)).toBeNull();
    }
  });

  it('still works on buttons, checkboxes, radios and links', () => {
    for (const target of [
      element('BUTTON', { type: 'button' }),
      element('INPUT', { type: 'checkbox' }),
      element('INPUT', { type: 'radio' }),
      element('A'),
      null,
    ]) {
      expect(isTypingTarget(target)).toBe(false);
      expect(shortcutFor(press('m'), target)).toEqual({ kind: 'tab', tab: 'matrix' });
    }
  });

  it('lists every shortcut once, with a readable key', () => {
    const keys = SHORTCUTS.flatMap((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keyLabel('Escape')).toBe('Esc');
    expect(keyLabel('/')).toBe('/');
  });
});
