import { Mark, mergeAttributes } from '@tiptap/core';

/** Telegram's spoiler (<tg-spoiler>): text hidden until tapped. Tiptap has no such mark. */
export const Spoiler = Mark.create({
  name: 'spoiler',
  parseHTML() {
    return [{ tag: 'tg-spoiler' }, { tag: 'span.tg-spoiler' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['span', mergeAttributes(HTMLAttributes, { class: 'tg-spoiler' }), 0];
  },
  addKeyboardShortcuts() {
    return { 'Mod-Shift-s': () => this.editor.commands.toggleMark(this.name) };
  },
});
