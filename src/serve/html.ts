/**
 * HTML built by a tagged template that escapes every interpolated value: archived strings (titles,
 * text, table cells, spam findings) come from hostile pages, and nothing of theirs may become
 * markup. Only fragments built by this same template (`Html`) are inserted as they are.
 */

/** A fragment of markup this module built: safe to insert. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => (out += render(v) + strings[i + 1]!));
  return new Html(out);
}

/** A URL for an href from the archive: only http(s), else nothing (javascript: and data: are dropped). */
export function safeHref(url: string): string {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : '#';
  } catch {
    return '#';
  }
}

/** An <option> of a form's <select>, selected when it is the value the request chose. */
export function option(value: string, label: string, chosen: string | undefined): Html {
  return value === chosen ? html`<option value="${value}" selected>${label}</option>` : html`<option value="${value}">${label}</option>`;
}

/** The page around a view: no inline script or style anywhere (the Content-Security-Policy forbids them). */
export function layout(title: string, body: Html, options: { scripts?: string[] } = {}): string {
  return `<!doctype html>${html`<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · xxgk-archive</title><link rel="stylesheet" href="/static/app.css"></head>
<body><header><a class="home" href="/">xxgk-archive</a>
<nav><a href="/">地区 Regions</a><a href="/search">搜索 Search</a><a href="/coverage">覆盖 Coverage</a><a href="/figures">数据 Figures</a><a href="/spam">垃圾注入 Spam</a></nav>
<form class="quick" action="/search" method="get"><input name="q" placeholder="搜索全文，如 复议" aria-label="search"><button>搜索</button></form></header>
<main>${body}</main>
${(options.scripts ?? []).map((s) => html`<script src="${s}"></script>`)}</body></html>`.value}`;
}
