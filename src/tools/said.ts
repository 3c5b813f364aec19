// Interim: a value from a service or a model, made safe for a one-line VS Code message (tool
// invocation messages, notifications): one line, short, and never a link or an icon. Replaced by
// the notification sink (src/sinks/notification.ts) when it lands.
export function said(value: string, max = 120): string {
  const text = (value.length > max * 4 ? value.slice(0, max * 4) : value).replace(/\s+/g, ' ').trim();
  const short = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return short.replace(/\]\(/g, '] (').replace(/\$\(/g, '$ (');
}
