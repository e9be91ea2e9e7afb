import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '@/lib/status-pages/markdown';

// The Markdown subset of incident updates: what an owner can format, and what never gets through.

describe('status page Markdown', () => {
  it('escapes raw HTML instead of passing it through', () => {
    expect(renderMarkdown('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
    expect(renderMarkdown('<img src=x onerror=alert(1)>')).toBe('<p>&lt;img src=x onerror=alert(1)&gt;</p>\n');
  });

  it.each(['[x](javascript:alert(1))', '[x](JavaScript:alert(1))', '[x](data:text/html,hi)', '[x](vbscript:x)', '[x](/relative)', '<javascript:alert(1)>'])('does not link %s', (text) => {
    expect(renderMarkdown(text)).not.toContain('<a');
  });

  it('renders bold, emphasis, code, lists, line breaks and safe links', () => {
    expect(renderMarkdown('**bold** *em* `a<b`\nnext')).toBe('<p><strong>bold</strong> <em>em</em> <code>a&lt;b</code><br>\nnext</p>\n');
    expect(renderMarkdown('- one\n- two')).toBe('<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n');
    expect(renderMarkdown('1. one')).toBe('<ol>\n<li>one</li>\n</ol>\n');
    expect(renderMarkdown('```\n<b>\n```')).toBe('<pre><code>&lt;b&gt;\n</code></pre>\n');
    const rel = 'rel="nofollow noopener noreferrer"';
    expect(renderMarkdown('[docs](https://x.test/a?b="c")')).toBe(`<p><a href="https://x.test/a?b=%22c%22" ${rel}>docs</a></p>\n`);
    expect(renderMarkdown('mail [us](mailto:ops@x.test)')).toContain(`<a href="mailto:ops@x.test" ${rel}>us</a>`);
    expect(renderMarkdown('see https://x.test/status')).toContain(`<a href="https://x.test/status" ${rel}>https://x.test/status</a>`);
  });

  it('leaves images, headings and tables as text', () => {
    expect(renderMarkdown('![pic](https://x.test/p.png)')).not.toContain('<img');
    expect(renderMarkdown('# Title')).toBe('<p># Title</p>\n');
    expect(renderMarkdown('| a |\n|---|\n| 1 |')).not.toContain('<table');
  });
});
