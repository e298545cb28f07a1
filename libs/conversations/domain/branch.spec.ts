import { activeBranch } from './branch';

const m = (id: string, seq: number, parentId: string | null) => ({ id, seq, parentId });

describe('activeBranch', () => {
  const messages = [
    m('u1', 1, null),
    m('a1', 2, 'u1'),
    m('u2', 3, 'a1'),
    m('a2', 4, 'u2'),
    m('a2b', 5, 'u2'),
  ];

  it('follows the current leaf back to the root', () => {
    expect(activeBranch(messages, 'a2').map((x) => x.id)).toEqual(['u1', 'a1', 'u2', 'a2']);
  });

  it('defaults to the newest message when no leaf is set', () => {
    expect(activeBranch(messages, null).map((x) => x.id)).toEqual(['u1', 'a1', 'u2', 'a2b']);
  });

  it('is empty for no messages and survives a parent cycle', () => {
    expect(activeBranch([], null)).toEqual([]);
    expect(activeBranch([m('x', 1, 'y'), m('y', 2, 'x')], 'y').map((x) => x.id)).toEqual([
      'x',
      'y',
    ]);
  });
});
