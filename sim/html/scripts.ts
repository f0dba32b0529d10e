/**
 * The script load of a real column page, in miniature: small plain-ES5 stand-ins for the libraries
 * Chinese government portals ship (a jQuery 1.x, layer, laypage, a share widget, a statistics tag,
 * a font-size tool), and the `<script src>` tags that name them — some inside IE conditional
 * comments, some pointing at files a trimmed copy of the site no longer has (404).
 *
 * The stand-ins are not vendored libraries: each implements only the calls the simulated portals'
 * own scripts make, so a renderer meets the same load order and the same failures as on the real
 * site without megabytes of minified code.
 */

/** One `<script src>` of a page. */
export interface ScriptTag {
  src: string;
  /** `ie`: inside `<!--[if lt IE 9]>`, so no current browser requests it. */
  at: 'head' | 'ie' | 'end';
  /** What the server answers; undefined: the file is gone (404) and the page must cope. */
  code?: string;
  /** Only on the column page (the list script and its pager library). */
  columnOnly?: boolean;
}

function tag(src: string): string {
  return `<script type="text/javascript" src="${src}"></script>`;
}

/** The tags of `at`, in order; the IE group wrapped in its conditional comment. */
export function scriptTags(tags: readonly ScriptTag[], at: ScriptTag['at'], column: boolean): string {
  const mine = tags.filter((t) => t.at === at && (column || !t.columnOnly)).map((t) => tag(t.src));
  if (mine.length === 0) return '';
  return at === 'ie' ? `<!--[if lt IE 9]>\n${mine.join('\n')}\n<![endif]-->` : mine.join('\n');
}

/** Path (query dropped) → code, for every tag the server still has. */
export function servedScripts(tags: readonly ScriptTag[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags) if (t.code !== undefined) out[t.src.split('?')[0]!] = t.code;
  return out;
}

/** A 1×1 transparent GIF: what statistics beacons fetch. */
export const BEACON_GIF = Buffer.from('47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b', 'hex');

/**
 * jQuery 1.x stand-in: $(fn), $(selector) with html/text/attr/on (delegated)/each, $.param and
 * $.ajax over XMLHttpRequest (form-encoded POST, as jQuery sends it; dataType json).
 */
export const JQUERY_JS = `/*! jQuery v1.11.3 (stand-in of the simulated portal: the calls its own scripts make) */
(function (window, document) {
  function Q(nodes) {
    this.length = nodes.length;
    for (var i = 0; i < nodes.length; i++) this[i] = nodes[i];
  }
  function jQuery(a) {
    if (typeof a === 'function') {
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', a);
      else setTimeout(a, 0);
      return undefined;
    }
    if (typeof a === 'string') return new Q(document.querySelectorAll(a));
    return new Q(a && a.nodeType ? [a] : []);
  }
  jQuery.fn = Q.prototype;
  Q.prototype.each = function (f) {
    for (var i = 0; i < this.length; i++) f.call(this[i], i, this[i]);
    return this;
  };
  Q.prototype.html = function (s) {
    if (s === undefined) return this.length ? this[0].innerHTML : '';
    return this.each(function () { this.innerHTML = s; });
  };
  Q.prototype.text = function (s) {
    if (s === undefined) return this.length ? this[0].textContent : '';
    return this.each(function () { this.textContent = s; });
  };
  Q.prototype.attr = function (k, v) {
    if (v === undefined) return this.length ? this[0].getAttribute(k) : undefined;
    return this.each(function () { this.setAttribute(k, v); });
  };
  Q.prototype.on = function (type, selector, fn) {
    if (typeof selector === 'function') { fn = selector; selector = null; }
    return this.each(function () {
      var root = this;
      root.addEventListener(type, function (e) {
        var t = e.target;
        if (selector) {
          while (t && t !== root && !(t.matches && t.matches(selector))) t = t.parentNode;
          if (!t || t === root) return;
        } else t = root;
        if (fn.call(t, e) === false) e.preventDefault();
      });
    });
  };
  jQuery.param = function (o) {
    var out = [];
    for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) out.push(encodeURIComponent(k) + '=' + encodeURIComponent(o[k]));
    return out.join('&').replace(/%20/g, '+');
  };
  jQuery.ajax = function (o) {
    var type = (o.type || 'GET').toUpperCase();
    var data = typeof o.data === 'string' ? o.data : jQuery.param(o.data || {});
    var url = o.url;
    if (type === 'GET' && data) url += (url.indexOf('?') < 0 ? '?' : '&') + data;
    var xhr = new XMLHttpRequest();
    xhr.open(type, url, true);
    xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
    if (type === 'POST') xhr.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded; charset=UTF-8');
    xhr.onreadystatechange = function () {
      if (xhr.readyState !== 4) return;
      if (xhr.status < 200 || xhr.status >= 300) { if (o.error) o.error(xhr, 'error'); return; }
      var r = xhr.responseText;
      if (o.dataType === 'json') {
        try { r = JSON.parse(r); } catch (e) { if (o.error) o.error(xhr, 'parsererror', e); return; }
      }
      if (o.success) o.success(r, 'success', xhr);
    };
    xhr.send(type === 'POST' ? data : null);
    return xhr;
  };
  window.jQuery = window.$ = jQuery;
})(window, document);
`;

/** jquery.cookie stand-in: the font-size tool remembers its choice. */
export const COOKIE_JS = `/*! jquery.cookie (stand-in) */
(function ($) {
  if (!$) return;
  $.cookie = function (key, value) {
    if (value !== undefined) { document.cookie = encodeURIComponent(key) + '=' + encodeURIComponent(value) + '; path=/'; return value; }
    var parts = document.cookie ? document.cookie.split('; ') : [];
    for (var i = 0; i < parts.length; i++) {
      var kv = parts[i].split('=');
      if (decodeURIComponent(kv[0]) === key) return decodeURIComponent(kv.slice(1).join('='));
    }
    return undefined;
  };
})(window.jQuery);
`;

/** layer stand-in: a loading mask while a list loads, and msg() toasts. */
export const LAYER_JS = `/*! layer (stand-in): load(), close(), msg() */
(function (window, document) {
  var n = 0;
  function box(cls, html) {
    var d = document.createElement('div');
    d.className = 'layui-layer ' + cls;
    d.id = 'layui-layer' + (++n);
    d.innerHTML = html;
    document.body.appendChild(d);
    return n;
  }
  var layer = {
    load: function () { return box('layui-layer-loading', '<div class="layui-layer-loading1"></div>'); },
    close: function (i) {
      var d = document.getElementById('layui-layer' + i);
      if (d && d.parentNode) d.parentNode.removeChild(d);
    },
    msg: function (text, opt) {
      var i = box('layui-layer-msg', '<div class="layui-layer-content">' + text + '</div>');
      setTimeout(function () { layer.close(i); }, (opt && opt.time) || 2000);
      return i;
    }
  };
  window.layer = layer;
})(window, document);
`;

/**
 * laypage stand-in (layui style): 上一页, numbered links, 下一页 as javascript:; links carrying
 * data-page; the current page a span, 上一页/下一页 spans at the ends. jump(obj, first) as layui calls it.
 */
export const LAYPAGE_JS = `/*! laypage (stand-in) */
(function (window, document) {
  function draw(o) {
    var elem = typeof o.elem === 'string' ? document.getElementById(o.elem) : o.elem;
    if (!elem) return;
    var limit = o.limit || 10;
    var pages = Math.max(1, Math.ceil(o.count / limit));
    var curr = Math.min(Math.max(1, o.curr || 1), pages);
    function link(p, text, cls) {
      return '<a href="javascript:;" data-page="' + p + '"' + (cls ? ' class="' + cls + '"' : '') + '>' + text + '</a>';
    }
    var html = curr > 1 ? link(curr - 1, '上一页', 'laypage-prev') : '<span class="laypage-prev laypage-disabled">上一页</span>';
    for (var p = 1; p <= pages; p++) html += p === curr ? '<span class="laypage-curr">' + p + '</span>' : link(p, p);
    html += curr < pages ? link(curr + 1, '下一页', 'laypage-next') : '<span class="laypage-next laypage-disabled">下一页</span>';
    html += '<span class="laypage-count">共 ' + o.count + ' 条</span>';
    elem.innerHTML = html;
    elem.onclick = function (e) {
      var a = e.target;
      if (!a || a.tagName !== 'A' || !a.getAttribute('data-page')) return false;
      o.curr = parseInt(a.getAttribute('data-page'), 10);
      draw(o);
      if (o.jump) o.jump({ curr: o.curr, limit: limit }, false);
      return false;
    };
  }
  window.laypage = {
    render: function (o) {
      draw(o);
      if (o.jump) o.jump({ curr: o.curr || 1, limit: o.limit || 10 }, true);
    }
  };
})(window, document);
`;

/** Share widget stand-in: a box telling where to share, never a request off the site. */
export const SHARE_JS = `/*! share (stand-in) */
(function (document) {
  var bar = document.querySelector('.share');
  if (!bar) return;
  bar.addEventListener('click', function (e) {
    var a = e.target;
    if (!a || a.tagName !== 'A') return;
    e.preventDefault();
    var box = document.getElementById('share-box') || document.createElement('div');
    box.id = 'share-box';
    box.textContent = '分享到' + a.textContent + '：' + document.title;
    bar.appendChild(box);
  });
})(document);
`;

/** Statistics tag stand-in: one beacon per page view, to this host (reads the _maq queue). */
export const TONGJI_JS = `/*! site statistics (stand-in) */
(function (window, document) {
  var q = window._maq || [], account = '';
  for (var i = 0; i < q.length; i++) if (q[i][0] === '_setAccount') account = q[i][1];
  var img = new Image(1, 1);
  img.src = '/tongji/ta.gif?account=' + encodeURIComponent(account) + '&p=' + encodeURIComponent(location.pathname) + '&t=' + new Date().getTime();
})(window, document);
`;

/** Font-size tool stand-in: 大/中/小 on #zoom, remembered by cookie when jquery.cookie is there. */
export const FONTSIZE_JS = `/*! fontsize (stand-in) */
function doZoom(px) {
  var z = document.getElementById('zoom');
  if (z) z.style.fontSize = px + 'px';
  if (window.jQuery && jQuery.cookie) jQuery.cookie('zoom', px);
}
(function () {
  var px = window.jQuery && jQuery.cookie ? jQuery.cookie('zoom') : undefined;
  if (px) doZoom(px);
})();
`;
