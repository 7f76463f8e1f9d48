import { describe, expect, it } from 'vitest';
import { parseTelegramHtml } from './htmlParser';
import { previewTree } from './preview';

describe('preview tree', () => {
  it('puts text between entities and nests contained entities', () => {
    const tree = previewTree(parseTelegramHtml('Hi <b>big <i>sale</i></b>, <a href="https://x.test">go</a>'));
    expect(tree).toEqual([
      { kind: 'text', text: 'Hi ' },
      {
        kind: 'entity',
        entity: { type: 'bold', offset: 3, length: 8 },
        children: [
          { kind: 'text', text: 'big ' },
          { kind: 'entity', entity: { type: 'italic', offset: 7, length: 4 }, children: [{ kind: 'text', text: 'sale' }] },
        ],
      },
      { kind: 'text', text: ', ' },
      { kind: 'entity', entity: { type: 'text_link', offset: 13, length: 2, url: 'https://x.test' }, children: [{ kind: 'text', text: 'go' }] },
    ]);
  });

  it('slices by UTF-16 offsets, so emoji before an entity do not shift it', () => {
    const tree = previewTree(parseTelegramHtml('😀<b>x</b>'));
    expect(tree).toEqual([
      { kind: 'text', text: '😀' },
      { kind: 'entity', entity: { type: 'bold', offset: 2, length: 1 }, children: [{ kind: 'text', text: 'x' }] },
    ]);
  });

  it('an entity covering the whole text has it all as its child', () => {
    expect(previewTree(parseTelegramHtml('<s>all</s>'))).toEqual([
      { kind: 'entity', entity: { type: 'strikethrough', offset: 0, length: 3 }, children: [{ kind: 'text', text: 'all' }] },
    ]);
  });
});
