import { spawn } from 'node:child_process';

/**
 * Text and page count of a PDF, read by pdf-parse (PDF.js) in a child Node process: PDF.js
 * loads its worker with a dynamic import, which Jest's module sandbox refuses.
 */
export function pdfText(pdf: Buffer): Promise<{ text: string; total: number }> {
  const script = `
    const { PDFParse } = require('pdf-parse');
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', async () => {
      const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
      const { text, total } = await parser.getText();
      await parser.destroy();
      process.stdout.write(JSON.stringify({ text, total }));
    });`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { cwd: process.cwd() });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`pdf-parse failed: ${err}`)),
    );
    child.stdin.end(pdf);
  });
}
