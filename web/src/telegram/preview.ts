import type { MessageEntity, ParsedText } from './entities';

/** Parsed text as a tree: what the chat-bubble preview renders, each entity around the text it covers. */
export type PreviewNode = { kind: 'text'; text: string } | { kind: 'entity'; entity: MessageEntity; children: PreviewNode[] };

export function previewTree(parsed: ParsedText): PreviewNode[] {
  return build(parsed.text, parsed.entities, 0, parsed.text.length);
}

function build(text: string, entities: MessageEntity[], start: number, end: number): PreviewNode[] {
  const nodes: PreviewNode[] = [];
  let pos = start;
  let i = 0;
  while (i < entities.length) {
    const entity = entities[i];
    const entityEnd = entity.offset + entity.length;
    if (entity.offset > pos) nodes.push({ kind: 'text', text: text.slice(pos, entity.offset) });
    let j = i + 1;
    while (j < entities.length && entities[j].offset < entityEnd) j++;
    nodes.push({ kind: 'entity', entity, children: build(text, entities.slice(i + 1, j), entity.offset, entityEnd) });
    pos = Math.max(pos, entityEnd);
    i = j;
  }
  if (pos < end) nodes.push({ kind: 'text', text: text.slice(pos, end) });
  return nodes;
}
