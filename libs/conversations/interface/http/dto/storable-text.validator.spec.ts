import { validateSync } from 'class-validator';
import { findUnstorableText, isStorableString, IsStorableText } from './storable-text.validator';

class Probe {
  @IsStorableText()
  value: unknown;
}

const errorsFor = (value: unknown) => {
  const probe = new Probe();
  probe.value = value;
  return validateSync(probe).flatMap((e) => Object.values(e.constraints ?? {}));
};

describe('storable text', () => {
  it.each([
    ['plain text', 'hello', true],
    ['an emoji (a surrogate pair)', 'ok \u{1F600} ok', true],
    ['CJK and accents', '解释 DevOps, café', true],
    ['NUL', 'a\u0000b', false],
    ['a lone high surrogate', 'a\ud800b', false],
    ['a lone high surrogate at the end', 'a\ud83d', false],
    ['a lone low surrogate', 'a\udc00b', false],
    ['a low then high surrogate (reversed pair)', '\ude00\ud83d', false],
  ])('%s: storable = %s', (_name, text, storable) => {
    expect(isStorableString(text)).toBe(storable);
  });

  it('names the first unstorable place in a JSON value, keys included', () => {
    expect(findUnstorableText({ a: [1, 'ok', { b: 'x\u0000' }] }, 'metadata')).toBe(
      'metadata.a[2].b',
    );
    expect(findUnstorableText({ a: { ['k\ud800']: 1 } }, 'metadata')).toBe('metadata.a (a key)');
    expect(findUnstorableText({ a: [null, true, 2, 'fine'] }, 'metadata')).toBeUndefined();
  });

  it('the decorator refuses with a message naming the place, and lets storable values through', () => {
    expect(errorsFor('fine')).toEqual([]);
    expect(errorsFor({ tags: ['ok', 'a\u0000'] })).toEqual([
      'value.tags[1] must not contain NUL (\\u0000) characters or unpaired UTF-16 surrogates',
    ]);
  });
});
