import { splitFences } from './export-pdf.presenter';

describe('splitFences', () => {
  it('separates prose from ``` fenced code, dropping the fence lines', () => {
    expect(splitFences('Look:\n```ts\nconst a = 1;\n  b();\n```\nDone.')).toEqual([
      { code: false, text: 'Look:' },
      { code: true, text: 'const a = 1;\n  b();' },
      { code: false, text: 'Done.' },
    ]);
  });

  it('treats an unclosed fence as code to the end, and text without fences as prose', () => {
    expect(splitFences('```\nx')).toEqual([{ code: true, text: 'x' }]);
    expect(splitFences('中文 日本語')).toEqual([{ code: false, text: '中文 日本語' }]);
  });
});
