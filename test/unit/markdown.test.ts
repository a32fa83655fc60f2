import * as assert from 'assert';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { markdownCode, markdownCodeBlock, markdownText } from '../../src/language/markdown';

/** A CommonMark renderer with GFM tables, raw HTML and bare-URL links on: every way in that VS Code's renderer has. */
const renderer = new MarkdownIt('default', { html: true, linkify: true });
const html = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Text that a name, a value or an error may hold: every Markdown and HTML trigger, in any order. */
const hostile = fc
  .string({ unit: fc.constantFrom(...'\\`*_{}[]()#+-.!<>|~&:/=@"\'$ aZ9é', '![x](https://h/t.png)', '<img src=x>', '&amp;', 'www.h.io', 'https://h.io', '\n', '1. ', '---') })
  .filter((s) => s.trim() === s && s !== '');

describe('Markdown from names, values and errors', () => {
  it('markdownText renders as exactly its text: no image, link, tag, entity, emphasis or block', () => {
    assert.strictEqual(markdownText('![x](https://evil.example/track.png)'), '\\!\\[x\\]\\(https\\:\\/\\/evil\\.example\\/track\\.png\\)');
    assert.strictEqual(renderer.render(markdownText('group ![x](https://evil.example/t.png) <img src=x onerror=alert(1)> &amp; **b** `c`')),
      '<p>group ![x](https://evil.example/t.png) &lt;img src=x onerror=alert(1)&gt; &amp;amp; **b** `c`</p>\n');
    fc.assert(
      fc.property(hostile, (text) => {
        assert.strictEqual(renderer.render(markdownText(text)), `<p>${html(text.replace(/\n/g, ' '))}</p>\n`, JSON.stringify(text));
      }),
      { numRuns: 500 },
    );
  });

  it('markdownCode is one code span of exactly its text, whatever backticks and spaces it holds', () => {
    assert.strictEqual(markdownCode('kafka:4.3'), '`kafka:4.3`');
    assert.strictEqual(markdownCode('a`b'), '``a`b``');
    assert.strictEqual(markdownCode('`x'), '`` `x ``');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('`', ' ', 'a', '|', '<', '&', '\n', '*') }).filter((s) => s.trim() !== ''), (text) => {
        assert.strictEqual(renderer.renderInline(markdownCode(text)), `<code>${html(text.replace(/\n/g, ' '))}</code>`, JSON.stringify(text));
      }),
      { numRuns: 500 },
    );
  });

  it('markdownCode for a table cell keeps the row whole', () => {
    const rendered = renderer.render(`| a | b |\n|:---|:---|\n| ${markdownCode('x|y`z', { tableCell: true })} | ${markdownText('p|q')} |\n`);
    assert.match(rendered, /<td style="text-align:left"><code>x\|y`z<\/code><\/td>\n<td style="text-align:left">p\|q<\/td>/);
  });

  it('markdownCodeBlock cannot be closed by its text', () => {
    const text = '{"name": "```\\n![x](https://h/t)"}\n```\n<b>';
    assert.strictEqual(renderer.render(markdownCodeBlock(text, 'json')), `<pre><code class="language-json">${html(text)}\n</code></pre>\n`);
  });
});
