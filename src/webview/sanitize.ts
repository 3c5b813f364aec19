// The only place raw HTML from a message becomes DOM: email HTML and rendered Markdown both go
// through DOMPurify with an allow-list, straight into a DocumentFragment (no innerHTML anywhere).
// Links keep only http, https and mailto; remote images become click-to-load placeholders
// because the page's CSP allows only bundled and data: images.
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';

const purify = DOMPurify(window);

const FORBIDDEN_TAGS = [
  'script', 'style', 'link', 'meta', 'base', 'title', 'head',
  'form', 'input', 'button', 'textarea', 'select', 'option', 'optgroup', 'fieldset', 'label', 'output', 'datalist',
  'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal', 'template', 'slot',
  'svg', 'math', 'audio', 'video', 'source', 'track', 'picture', 'canvas', 'noscript', 'dialog',
];

// Attributes that could style the page, clobber the page's own ids or load things.
const FORBIDDEN_ATTRIBUTES = ['style', 'class', 'id', 'name', 'srcset', 'sizes', 'background', 'poster', 'formaction', 'action', 'ping', 'target', 'xmlns'];

const SAFE_URL = /^(?:https?:|mailto:)/i;

const CONFIG = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: FORBIDDEN_TAGS,
  FORBID_ATTR: FORBIDDEN_ATTRIBUTES,
  ALLOWED_URI_REGEXP: SAFE_URL,
  ALLOW_DATA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  RETURN_DOM_FRAGMENT: true as const,
};

purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName === 'A') {
    const href = node.getAttribute('href') ?? '';
    if (!SAFE_URL.test(href.trim())) node.removeAttribute('href');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  }
  if (node.nodeName === 'IMG') {
    const src = node.getAttribute('src') ?? '';
    if (!/^data:image\/(png|jpe?g|gif|webp|avif|bmp);/i.test(src) && !SAFE_URL.test(src)) node.removeAttribute('src');
  }
});

// The one class a message may keep: a code block's language (`language-js`), which chooses the
// highlighter's grammar. Our stylesheet has no rule for it; nothing else about class survives.
const CODE_LANGUAGE = /^language-[\w+#-]{1,30}$/;
purify.addHook('uponSanitizeAttribute', (node, data) => {
  if (node.nodeName === 'CODE' && data.attrName === 'class' && CODE_LANGUAGE.test(data.attrValue)) data.forceKeepAttr = true;
});

export interface SanitizeOptions {
  /** Builds the stand-in for a remote image (the page loads it through the host on click). */
  remoteImage: (url: string, alt: string) => HTMLElement;
}

/** Sanitized HTML as a DocumentFragment, remote images swapped for placeholders. */
export function sanitizeToFragment(html: string, options: SanitizeOptions): DocumentFragment {
  const fragment = purify.sanitize(html, CONFIG) as DocumentFragment;
  for (const image of Array.from(fragment.querySelectorAll('img'))) {
    const src = image.getAttribute('src') ?? '';
    if (/^https?:/i.test(src)) image.replaceWith(options.remoteImage(src, image.getAttribute('alt') ?? ''));
    else if (!src) image.remove();
  }
  return fragment;
}

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: false, typographer: false });

/** Markdown rendered by markdown-it with raw HTML off, then sanitized like email HTML. */
export function markdownToFragment(source: string, options: SanitizeOptions): DocumentFragment {
  return sanitizeToFragment(markdown.render(source), options);
}
