import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';

const nested = (depth: number, leaf = '1') => '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);
const bytes = (text: string) => Buffer.from(text);

describe('nestsDeeperThan', () => {
  it('accepts bodies up to the limit and refuses one level more', () => {
    expect(nestsDeeperThan(bytes(nested(MAX_JSON_DEPTH)))).toBe(false);
    expect(nestsDeeperThan(bytes(nested(MAX_JSON_DEPTH + 1)))).toBe(true);
  });

  it('counts arrays and objects alike, and siblings do not add up', () => {
    expect(nestsDeeperThan(bytes('[[[1]]]'), 3)).toBe(false);
    expect(nestsDeeperThan(bytes('[[[[1]]]]'), 3)).toBe(true);
    expect(nestsDeeperThan(bytes('[{"a":[1]},{"b":[2]},[[3]]]'), 3)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan(bytes(`{"a":"${'[{'.repeat(500)}"}`), 2)).toBe(false);
    expect(nestsDeeperThan(bytes(`{"a":"x\\"[[[[","b":1}`), 1)).toBe(false);
    expect(nestsDeeperThan(bytes(`{"a":"\\\\","b":[[1]]}`), 2)).toBe(true);
  });

  it('reads 10,000 levels without recursion', () => {
    expect(nestsDeeperThan(bytes(nested(10_000)))).toBe(true);
  });
});
