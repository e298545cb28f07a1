import { storableText } from './storable-text';

describe('storableText', () => {
  it('replaces NUL and unpaired surrogates with U+FFFD', () => {
    expect(storableText('a\u0000b')).toBe('a\uFFFDb');
    expect(storableText('a\ud800b')).toBe('a\uFFFDb');
    expect(storableText('a\udc00b')).toBe('a\uFFFDb');
    expect(storableText('end\ud83d')).toBe('end\uFFFD');
    expect(storableText('\ude00start')).toBe('\uFFFDstart');
  });

  it('keeps well-formed text, pairs included, as it is', () => {
    const text = 'Grüße 😀 你好 \u2028 tab\t';
    expect(storableText(text)).toBe(text);
    expect(storableText('😀😀')).toBe('😀😀');
  });
});
