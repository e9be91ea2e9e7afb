import MarkdownIt from 'markdown-it';

// Incident updates are written in a small Markdown subset and shown to anyone. markdown-it with
// html: false escapes raw HTML instead of passing it through, and its validateLink already refuses
// javascript:, vbscript:, file: and data:; on top of that only http, https and mailto links are
// kept, and every link gets rel="nofollow noopener noreferrer". Starting from the 'zero' preset
// means a rule markdown-it adds later stays off here until someone enables it on purpose:
// no images, tables, headings, HTML, reference definitions or typographer replacements.

const md = new MarkdownIt('zero', { html: false, linkify: true, breaks: true });
md.enable([
  'code', // indented code blocks
  'fence',
  'list',
  'emphasis',
  'backticks',
  'link',
  'autolink',
  'linkify',
  'newline',
  'escape',
  'entity',
]);

const ALLOWED_SCHEME = /^(?:https?:|mailto:)/i;
const defaultValidateLink = md.validateLink.bind(md);
md.validateLink = (url: string): boolean => ALLOWED_SCHEME.test(url.trim()) && defaultValidateLink(url);

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  tokens[idx].attrSet('rel', 'nofollow noopener noreferrer');
  return self.renderToken(tokens, idx, options);
};

/** The owner's Markdown as HTML that is safe to place in a page as is. */
export function renderMarkdown(text: string): string {
  return md.render(text);
}
