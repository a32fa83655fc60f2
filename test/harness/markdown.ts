// Markdown as people see it, for tests of tooltips and hovers in plain Node and in the editor.

import MarkdownIt from 'markdown-it';

/**
 * What Markdown shows, as plain text, rendered by markdown-it (CommonMark with GFM tables,
 * raw HTML and bare-URL links on): `html` as rendered, `text` with tags stripped and
 * entities read, blocks one per line.
 */
export function renderedMarkdown(markdown: string): { readonly html: string; readonly text: string } {
  const html = new MarkdownIt('default', { html: true, linkify: true }).render(markdown);
  const text = html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();
  return { html, text };
}
