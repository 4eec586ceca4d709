/* Templates: a live preview of the finished document, a warning (never a block) when text
   looks like personal contact details, and an optional combined sheet ("meet the team") made
   from several people's exported files. All user text is inserted with textContent. */
(function () {
  "use strict";
  var TK = (window.TK = window.TK || {});
  TK.kinds = TK.kinds || {};
  if (TK.kinds.template) return; // run again by instant navigation
  var el = function (a, b, c) { return TK.el(a, b, c); };

  var CONTACT = [
    ["an email address", /[^\s@<>]{1,64}@[^\s@<>.]{1,63}\.[^\s@<>]{2,}/],
    ["a phone number", /(?:\+\s*\d{1,3}|\b0)[\s().-]*\d(?:[\s().-]*\d){8,}/],
    ["a home address or postcode", /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[ABD-HJLNP-UW-Z]{2}\b|\b\d+[a-z]?,?\s+(?:[A-Za-z'-]+\s+){1,3}(?:road|street|avenue|lane|close|drive|crescent|grove|terrace|gardens|court|rd|st|ave)\b/i]
  ];
  /** Return what kinds of contact details a text seems to hold (empty when none). */
  TK.contactKinds = function (text) {
    return CONTACT.filter(function (c) { return c[1].test(text); }).map(function (c) { return c[0]; });
  };

  /** Fill `into` with a document: a title and each answered field as a labelled block. */
  function paint(into, title, entries) {
    into.textContent = "";
    into.appendChild(el("p", "tk-doc-title", title));
    entries.forEach(function (e) {
      if (!e.text) return;
      into.appendChild(el("p", "tk-doc-label", e.label));
      e.text.split(/\n\s*\n/).forEach(function (para) {
        var p = el("p", "tk-doc-text", para);
        p.dir = "auto";
        into.appendChild(p);
      });
    });
  }
  function entries(t, items) {
    var ids = Object.keys(t.items), extra = Object.keys(items).filter(function (k) { return ids.indexOf(k) < 0; });
    return ids.concat(extra).map(function (k) {
      return { label: t.items[k] || (items[k] && items[k].label) || k, text: (items[k] && items[k].text) || "" };
    });
  }

  TK.kinds.template = function (t) {
    var doc = t.root.querySelector(".tk-document"), title = doc.getAttribute("data-document-title");
    var warn = doc.getAttribute("data-contact-warning") === "true", sheetTitle = doc.getAttribute("data-combined-title");
    var preview = el("div", "tk-preview"), warnings = {}, fields;
    doc.textContent = "";
    doc.appendChild(el("p", "tk-preview-label", "Preview: " + title));
    doc.appendChild(preview);
    var last = t.root.querySelectorAll(".tk-fields");
    last = last[last.length - 1];
    last.parentNode.insertBefore(doc, last.nextSibling);

    function check(id) {
      var box = fields.boxes[id], w = warnings[id];
      if (!w) {
        w = warnings[id] = el("p", "tk-warning");
        w.id = box.id + "-warning";
        w.setAttribute("aria-live", "polite");
        box.parentNode.insertBefore(w, box.nextSibling);
        box.setAttribute("aria-describedby", ((box.getAttribute("aria-describedby") || "") + " " + w.id).trim());
      }
      var found = TK.contactKinds(box.value);
      w.textContent = found.length ? "This looks like " + found.join(" and ") + ". You can keep it, but this document is " +
        "meant to be shared: think twice before including your own phone number, email or home address." : "";
      w.hidden = !found.length;
    }
    var timer;
    fields = TK.fields(t, function (id) {
      if (warn) check(id);
      clearTimeout(timer);
      timer = setTimeout(function () { paint(preview, title, entries(t, t.rec ? t.rec.items : {})); }, 60);
    });
    if (sheetTitle) teamSheet(t, doc, sheetTitle);
    return fields;
  };

  function teamSheet(t, after, sheetTitle) {
    var box = el("section", "tk-team"), people = [], live = TK.live(), sheet = el("div", "tk-team-sheet");
    var file = TK.input("file"), row = el("div", "tk-buttons");
    box.appendChild(el("p", "tk-team-title", sheetTitle));
    box.appendChild(el("p", null, "Put several people's documents on one printable page. Each person uses \u201cExport this tool\u201d on this page and gives you the file; add the files here. They are read in this browser, not uploaded or kept."));
    file.multiple = true;
    box.appendChild(TK.labelled("Add exported files ", file, t.id + "--team-files")).className = "tk-file";
    row.appendChild(TK.button("Add mine from this page", function () { add(t.rec.items, "this page"); }));
    row.appendChild(TK.button("Print the sheet", function () { TK.print("tk-print-team"); }));
    row.appendChild(TK.button("Empty the sheet", function () { people = []; draw(); live.textContent = "The sheet is empty."; }));
    box.appendChild(row);
    box.appendChild(live);
    box.appendChild(sheet);
    after.parentNode.insertBefore(box, after.nextSibling);

    function add(items, from) {
      if (!Object.keys(items).length) { live.textContent = "Nothing to add from " + from + "."; return; }
      people.push(items);
      draw();
      live.textContent = "Added one person from " + from + ". " + people.length + " on the sheet.";
    }
    file.addEventListener("change", function () {
      var files = Array.prototype.slice.call(file.files);
      // One after another, so people appear in the order their files were chosen.
      (function next() {
        var f = files.shift();
        if (!f) return;
        TK.readFile(f, function (text) {
          var rec;
          try { rec = TK.parse(text)[t.id]; } catch (e) { rec = null; }
          if (rec) add(rec.items, f.name); else live.textContent = f.name + " holds no " + sheetTitle.toLowerCase() + " answers from this tool.";
          next();
        });
      })();
      file.value = "";
    });
    function draw() {
      sheet.textContent = "";
      if (people.length) sheet.appendChild(el("p", "tk-doc-title", sheetTitle));
      people.forEach(function (items, i) {
        var all = entries(t, items), card = el("article", "tk-person"), name = all[0] && all[0].text;
        var body = el("div");
        paint(body, name || "Person " + (i + 1), all.slice(name ? 1 : 0));
        body.firstChild.className = "tk-person-name";
        card.appendChild(body);
        var rm = TK.button("Remove from the sheet", function () { people.splice(i, 1); draw(); live.textContent = "Removed."; });
        rm.setAttribute("aria-label", "Remove " + (name || "person " + (i + 1)) + " from the sheet");
        card.appendChild(rm);
        sheet.appendChild(card);
      });
    }
  }
  if (TK.started) TK.init(); // loaded by instant navigation after the new page was announced
})();
