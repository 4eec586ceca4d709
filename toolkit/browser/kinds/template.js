/* Templates: a live preview of the finished document, a warning (never a block) when text
   looks like personal contact details, "Print my document", and, loaded only when asked for,
   the Word writer (docx.js) and a combined sheet ("meet the team", team.js) made from several
   people's exported files. All user text is inserted with textContent. */
(function () {
  "use strict";
  var TK = window.TK;
  if (TK.docBlocks) return; // run again by instant navigation
  var el = function (a, b, c) { return TK.el(a, b, c); };

  // Where this script came from: docx.js, loaded on demand, sits beside it.
  var HERE = document.currentScript && document.currentScript.src;

  /** The document as blocks, in order: {h: 1-3, text} headings, {p: text} paragraphs, {li: text}
      list items. Empty fields, and fields marked data-doc="omit", are left out; so are guidance
      and examples, which are not answers. `fields` is [{id, label, doc, section}] in page order. */
  function blocks(title, fields, items) {
    var out = title ? [{ h: 1, text: title }] : [], section = null;
    fields.forEach(function (f) {
      var text = ((items[f.id] && items[f.id].text) || "").trim();
      if (!text || f.doc === "omit") return;
      if (f.section !== section) {
        section = f.section;
        if (section && f.doc !== "heading") out.push({ h: 2, text: section });
      }
      if (f.doc === "heading") return out.push({ h: 2, text: text.replace(/\s+/g, " ") });
      if (f.doc !== "text") out.push({ h: section ? 3 : 2, text: f.label });
      if (f.doc === "list") {
        text.split(/\n+/).forEach(function (line) {
          line = line.replace(/^\s*(?:[-*\u2022]|\d+[.)])\s+/, "").trim();
          if (line) out.push({ li: line });
        });
      } else {
        text.split(/\n\s*\n/).forEach(function (para) { out.push({ p: para.trim() }); });
      }
    });
    return out;
  }
  /** Fill `into` with blocks as HTML; headings start at level `level` (the page's outline). */
  function paint(into, list, level) {
    var names = [0, "tk-doc-title", "tk-doc-heading", "tk-doc-label"], ul = null;
    into.textContent = "";
    list.forEach(function (b) {
      var n;
      if (b.li) {
        if (!ul) ul = into.appendChild(el("ul", "tk-doc-list"));
        n = ul.appendChild(el("li", null, b.li));
      } else {
        ul = null;
        n = into.appendChild(b.h ? el("h" + Math.min(level + b.h - 1, 6), names[b.h], b.text) : el("p", "tk-doc-text", b.p));
      }
      n.dir = "auto";
    });
  }
  function fieldList(t) {
    return Array.prototype.map.call(t.root.querySelectorAll(".tk-doc-form .tk-field[data-item]"), function (f) {
      var id = f.getAttribute("data-item"), group = f.closest("[data-section]");
      return { id: id, label: t.items[id] || id, doc: f.getAttribute("data-doc") || "labelled",
        section: group ? group.getAttribute("data-section") : "" };
    });
  }
  /** Load a file beside this one (docx.js, team.js, contact.js, doc-print.css: never linked from
      a page, loaded when first needed), then run `done(its script or link element)`. */
  var loading = {};
  function load(name, done, fail) {
    var q = loading[name], css = /css$/.test(name), n;
    if (q && q.nodeType) return done(q); // loaded before
    if (q) return q.push(done);
    q = loading[name] = [done];
    n = document.createElement(css ? "link" : "script");
    if (css) n.rel = "stylesheet";
    n[css ? "href" : "src"] = new URL(name, HERE || window.location.href).href;
    // Once: a stylesheet switched on again (see "print") fires load again.
    n.onload = function () { n.onload = null; loading[name] = n; q.forEach(function (f) { f(n); }); };
    n.onerror = function () { delete loading[name]; n.remove(); if (fail) fail(); };
    document.head.appendChild(n);
  }
  TK.docBlocks = blocks; // for team.js
  TK.docPaint = paint;

  TK.kind("template", function (t) {
    var doc = t.root.querySelector(".tk-document"), title = doc.getAttribute("data-document-title");
    var warn = doc.getAttribute("data-contact-warning") === "true";
    var level = Number(doc.getAttribute("data-level")) || 2, preview = doc.querySelector(".tk-preview");
    var fields, list = fieldList(t), live = doc.querySelector(".tk-live");
    function current() { return blocks(title, list, t.rec ? t.rec.items : {}); }
    function on(what, fn) { doc.querySelector('[data-doc="' + what + '"]').addEventListener("click", fn); }
    function failed() { live.textContent = "That did not load: reload the page and try again."; }
    on("print", function () {
      // doc-print.css prints the preview alone; it is switched on only while "Print my document" prints.
      load("doc-print.css", function (css) {
        css.disabled = false;
        window.addEventListener("afterprint", function done() { css.disabled = true; window.removeEventListener("afterprint", done); });
        TK.print("tk-print-doc");
      }, failed);
    });
    on("word", function () {
      live.textContent = "";
      load("docx.js", function () {
        TK.docx.save(t.id + ".docx", current());
        live.textContent = "Your Word file is made in this browser; nothing is sent anywhere.";
      }, failed);
    });
    doc.hidden = false;
    t.root.querySelectorAll(".tk-doc-jump[hidden]").forEach(function (p) { p.hidden = false; });

    var timer;
    fields = TK.fields(t, function (id) {
      var box = fields.boxes[id];
      // The check for contact details loads with the first answer to check.
      if (warn && (TK.contactCheck || box.value)) load("contact.js", function () { TK.contactCheck(box); });
      clearTimeout(timer);
      timer = setTimeout(function () { paint(preview, current(), level); }, 60);
    });
    list = fieldList(t); // labels are known now
    paint(preview, current(), level);
    var team = t.root.querySelector(".tk-team");
    if (team) {
      team.hidden = false;
      team.querySelector("button").addEventListener("click", function () {
        load("team.css", function () {});
        load("team.js", function () { TK.teamSheet(t, team, team.getAttribute("aria-label"), list, level); }, failed);
      });
    }
    return fields;
  });
})();
