import { useMemo, type ReactNode } from 'react';
import { createLowlight } from 'lowlight';
import bash from 'highlight.js/lib/languages/bash';
import css from 'highlight.js/lib/languages/css';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

// A handful of common grammars keep the bundle small; other languages show as plain code.
const lowlight = createLowlight({
  bash,
  css,
  go,
  java,
  javascript,
  json,
  python,
  rust,
  sql,
  typescript,
  xml,
  yaml,
});
lowlight.registerAlias({
  bash: ['sh', 'shell', 'zsh'],
  javascript: ['js', 'jsx'],
  typescript: ['ts', 'tsx'],
  python: ['py'],
  xml: ['html'],
  yaml: ['yml'],
});

type HastNode = {
  type: string;
  value?: string;
  tagName?: string;
  properties?: { className?: unknown };
  children?: HastNode[];
};

/** lowlight's tree as React elements: text stays text (no innerHTML anywhere). */
function render(nodes: HastNode[] | undefined, path = ''): ReactNode[] {
  return (nodes ?? []).map((node, i) => {
    const key = `${path}${i}`;
    if (node.type === 'text') return node.value ?? '';
    const className = Array.isArray(node.properties?.className)
      ? node.properties.className.join(' ')
      : undefined;
    return (
      <span key={key} className={className}>
        {render(node.children, `${key}.`)}
      </span>
    );
  });
}

export function CodeBlock({ code, language }: { code: string; language?: string }) {
  const highlighted = useMemo(() => {
    if (!language || !lowlight.registered(language)) return null;
    return render(lowlight.highlight(language, code).children as HastNode[]);
  }, [code, language]);
  const copy = () => void navigator.clipboard?.writeText(code).catch(() => undefined);
  return (
    <figure className="code-block">
      <figcaption>
        <span>{language ?? 'code'}</span>
        <button type="button" className="link" onClick={copy} aria-label="Copy code">
          Copy
        </button>
      </figcaption>
      <pre>
        <code className={language ? `hljs language-${language}` : 'hljs'}>
          {highlighted ?? code}
        </code>
      </pre>
    </figure>
  );
}
