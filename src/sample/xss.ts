// Hostile payloads the sample data plants in one thread per service. Anything that renders them must
// show them as text (or sanitised markup) and never run them: each executable payload sets
// `window.__threadlineXss` (or `parent.__threadlineXss`), so a test can check the sentinel after
// rendering. Some entries try to leave the webview instead (command:, vscode:, forms, meta refresh),
// some try to break the page (style, base, CSS) rather than execute.

export const XSS_SENTINEL = '__threadlineXss';

export const XSS_PAYLOADS: string[] = [
  // script and event-handler injection
  '<script>window.__threadlineXss=1</script>',
  '<img src=x onerror="window.__threadlineXss=1">',
  '<svg onload="window.__threadlineXss=1">',
  '<svg><script>window.__threadlineXss=1</script></svg>',
  '</script><script>window.__threadlineXss=1</script>',
  '"><script>window.__threadlineXss=1</script>',
  "'><img src=x onerror=window.__threadlineXss=1>",
  '<details open ontoggle="window.__threadlineXss=1">',
  '<body onload="window.__threadlineXss=1">',
  '<input autofocus onfocus="window.__threadlineXss=1">',
  '<video><source onerror="window.__threadlineXss=1"></video>',
  '<marquee onstart="window.__threadlineXss=1">marquee</marquee>',
  '<object data="javascript:window.__threadlineXss=1"></object>',
  '<embed src="javascript:window.__threadlineXss=1">',
  '<template><script>window.__threadlineXss=1</script></template>',
  // dangerous URL schemes in links and frames
  '<a href="javascript:window.__threadlineXss=1">js link</a>',
  '<a href="JaVaScRiPt:window.__threadlineXss=1">mixed-case js link</a>',
  '<a href="jav&#x09;ascript:window.__threadlineXss=1">tab-split js link</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;window.__threadlineXss=1">entity js link</a>',
  '<a href="data:text/html,<script>parent.__threadlineXss=1</script>">data link</a>',
  '<a href="vbscript:msgbox(1)">vb</a>',
  '<a href="command:workbench.action.terminal.new">command link</a>',
  '<a href="vscode://threadline.threadline/x">vscode link</a>',
  '<svg><a xlink:href="javascript:window.__threadlineXss=1"><text x="20" y="20">svg link</text></a></svg>',
  '<iframe src="javascript:parent.__threadlineXss=1"></iframe>',
  '<iframe srcdoc="<script>parent.__threadlineXss=1</script>"></iframe>',
  '<form action="https://evil.example"><input name=q><button>go</button></form>',
  '<button formaction="javascript:window.__threadlineXss=1">formaction</button>',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__threadlineXss=1">',
  '<base href="https://evil.example/">',
  '<link rel="stylesheet" href="https://evil.example/steal.css">',
  '<img src="https://evil.example/track.gif?who=me" width="1" height="1">',
  // parser-confusion (mutation XSS) and CSS
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__threadlineXss=1">',
  '<noscript><p title="</noscript><img src=x onerror=window.__threadlineXss=1>">',
  '<style>body{display:none}</style>',
  '<div style="background:url(javascript:window.__threadlineXss=1)">css</div>',
  '<div style="position:fixed;inset:0;z-index:99999;background:#fff">overlay</div>',
  // Markdown forms
  '[md js link](javascript:window.__threadlineXss=1)',
  '![md img](javascript:window.__threadlineXss=1)',
  '[md data](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX190aHJlYWRsaW5lWHNzPTE8L3NjcmlwdD4=)',
  '[md command](command:workbench.action.terminal.new)',
  '<javascript:window.__threadlineXss=1>',
  '[ref link][evil]\n\n[evil]: javascript:window.__threadlineXss=1',
  '[md spaced js](  javascript:window.__threadlineXss=1  )',
  // template / text oddities that must stay inert text
  '{{constructor.constructor("window.__threadlineXss=1")()}}',
  '${window.__threadlineXss=1}',
  '`<script>window.__threadlineXss=1</script>` (inside a code span: must show as text)',
  'invoice\u202Egpj.exe (right-to-left override)',
  'zero\u200Bwidth\u200Bspaces and a very long unbroken token ' + 'A'.repeat(300),
];

/** All payloads joined into one HTML-ish document, for a single "everything at once" message. */
export function allPayloads(separator = '\n'): string {
  return XSS_PAYLOADS.join(separator);
}

/** The command the integration suite registers and expects never to run. */
export const SENTINEL_COMMAND = 'threadline-test.sentinel';

/**
 * Text that tries to become a command, markup, a request or a hang in the surfaces VS Code itself
 * renders — notifications, progress titles, quick picks, tree rows, hovers, tab titles, the
 * Markdown document and its preview, file names, the log. `inject` faults put all of it into
 * every free-text field a service returns.
 */
export const INJECTION_PAYLOADS: string[] = [
  // First, short enough to survive every length cap: a bidi override, an icon, a command link, HTML.
  `\u202Efdp.exe $(alert) [Open](command:${SENTINEL_COMMAND}) <img src="https://tracker.example/c.gif">`,
  // command links in every Markdown form
  `[Download invoice](command:${SENTINEL_COMMAND})`,
  `[titled](command:${SENTINEL_COMMAND} "Open")`,
  `[spaced]( command:${SENTINEL_COMMAND} )`,
  `[pointy](<command:${SENTINEL_COMMAND}>)`,
  `[upper](COMMAND:${SENTINEL_COMMAND})`,
  `[with args](command:${SENTINEL_COMMAND}?%5B%22rm%20-rf%22%5D)`,
  `[terminal](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22echo%20pwned%5Cn%22%7D)`,
  `[[nested](command:${SENTINEL_COMMAND})](https://ok.example/)`,
  `[vscode link](vscode://threadline.threadline/open?account=x&thread=y)`,
  '[file link](file:///etc/passwd)',
  // reference links and autolinks
  `[reference][sentinel] [collapsed][] [shortcut]\n\n[sentinel]: command:${SENTINEL_COMMAND}\n[collapsed]: command:${SENTINEL_COMMAND}\n[shortcut]: command:${SENTINEL_COMMAND}`,
  `<command:${SENTINEL_COMMAND}>`,
  '<vscode://threadline.threadline/open>',
  '<file:///etc/passwd> file:///etc/passwd FILE://C:/Windows/win.ini',
  // HTML, escaped HTML and images
  `<a href="command:${SENTINEL_COMMAND}">html link</a>`,
  '<img src="https://tracker.example/pixel.gif?read=1" width="1" height="1">',
  '<style>*{color:red !important}</style><div style="position:fixed;inset:0;background:red">overlay</div>',
  '\\<img src=x onerror=alert(1)> \\\\<b>bold?</b> &lt;script&gt;',
  '![tracker](https://tracker.example/pixel.gif?md=1) ![cmd](command:threadline-test.sentinel)',
  // icons, reordering and invisible characters, line breaks
  '$(alert) $(terminal) $(loading~spin) \\$(escaped)',
  'invoice\u202Egpj.exe \u2066isolated\u2069 \u202Bembedded\u202C zero\u200Bwidth\uFEFF',
  `first line\nsecond line\r\n[after break](command:${SENTINEL_COMMAND})\u2028separator`,
];

/** The corpus as one string (the order keeps each Markdown form on its own lines). */
export function injectionText(): string {
  return INJECTION_PAYLOADS.join('\n\n');
}

/** How long the one padded string of `inject-huge` is, at least (characters). */
export const HUGE_LENGTH = 1024 * 1024;

/** Field names left as they are: ids, times, enums, tokens — what Threadline navigates and validates by. */
const STRUCTURAL_KEY =
  /^(?:id|uuid|.*(?:Id|_id|At|_at|Ids|_ids)|date|time|timestamp|created|updated|status|state|role|type|.*_type|direction|delivery|platform|language|mode|priority|currency|environment|brandColor|messageIdHeader|success|.*token.*|.*Token.*|cursor|next.*|prev.*|expires.*|password)$/;

/**
 * Every free-text string in `body` — not ids, times, enums or tokens (STRUCTURAL_KEY) — replaced
 * by `map(text)`, array items and nested objects included. Mutates and returns the body.
 */
export function mapFreeText<T>(body: T, map: (text: string) => string): T {
  const visit = (value: unknown, key: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (typeof item === 'string') {
          if (!STRUCTURAL_KEY.test(key)) value[index] = map(item);
        } else {
          visit(item, key);
        }
      });
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    for (const [name, field] of Object.entries(record)) {
      if (typeof field === 'string') {
        if (!STRUCTURAL_KEY.test(name)) record[name] = map(field);
      } else {
        visit(field, name);
      }
    }
  };
  visit(body, '');
  return body;
}

/**
 * `inject` / `inject-huge`: every free-text string in the body gets the corpus appended (after a
 * line break); with `huge`, the first such string is also padded to 1 MB. Mutates and returns.
 */
export function injectCorpus(body: unknown, huge: boolean): unknown {
  const corpus = injectionText();
  let padded = !huge;
  return mapFreeText(body, (text) => {
    let result = `${text}\n${corpus}`;
    if (!padded) {
      padded = true;
      const unit = `\u202E[x](command:${SENTINEL_COMMAND}) `;
      result += ` ${unit.repeat(Math.ceil(HUGE_LENGTH / unit.length))}`;
    }
    return result;
  });
}
