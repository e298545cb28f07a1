import {
  childrenByParent,
  choicesFor,
  chooseSibling,
  siblingPosition,
  visiblePath,
} from './branches';

const m = (id: string, parentId: string | null, seq: number) => ({ id, parentId, seq });

// q1 -> a1 -> q2 -> a2; a1' regenerated under q1; q2' an edit of q2 (under a1) with a2'.
const messages = [
  m('q1', null, 1),
  m('a1', 'q1', 2),
  m('q2', 'a1', 3),
  m('a2', 'q2', 4),
  m('a1b', 'q1', 5),
  m('q2b', 'a1', 6),
  m('a2b', 'q2b', 7),
];
const ids = (list: { id: string }[]) => list.map((x) => x.id);

describe('branches', () => {
  it('shows the newest child under each parent when nothing is chosen', () => {
    expect(ids(visiblePath(messages, {}))).toEqual(['q1', 'a1b']);
  });

  it("follows the choices of a branch (the server's active one)", () => {
    const active = [messages[0], messages[1], messages[5], messages[6]];
    expect(ids(visiblePath(messages, choicesFor(active)))).toEqual(['q1', 'a1', 'q2b', 'a2b']);
  });

  it('steps between versions with ‹ and ›, clamped at both ends', () => {
    const children = childrenByParent(messages);
    const start = choicesFor([messages[0], messages[1], messages[2], messages[3]]);
    expect(siblingPosition(children, messages[2])).toMatchObject({ index: 0, count: 2 });
    const next = chooseSibling(children, messages[2], 1, start);
    expect(ids(visiblePath(messages, next))).toEqual(['q1', 'a1', 'q2b', 'a2b']);
    expect(chooseSibling(children, messages[5], 1, next)).toEqual(next);
    const back = chooseSibling(children, messages[5], -1, next);
    expect(ids(visiblePath(messages, back))).toEqual(['q1', 'a1', 'q2', 'a2']);
  });

  it('an empty conversation has an empty path', () => {
    expect(visiblePath([], {})).toEqual([]);
  });
});
