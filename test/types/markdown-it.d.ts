// The part of markdown-it (a CommonMark renderer, a dev dependency) the tests use: it has no
// types of its own, and @types/markdown-it would be one more package for two calls.
declare module 'markdown-it' {
  export default class MarkdownIt {
    constructor(preset?: 'default' | 'commonmark' | 'zero', options?: { html?: boolean; linkify?: boolean });
    render(source: string): string;
    renderInline(source: string): string;
  }
}
