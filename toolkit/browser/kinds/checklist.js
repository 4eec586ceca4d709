/* Checklists: tick items (or rate them, where the tool has a `scale`), a status per item where
   the tool asks for one, a note per item and a progress count announced to screen readers.
   Saved by item id through TK (store.js): {checked, status, rating, note}. */
(function () {
  "use strict";
  var TK = (window.TK = window.TK || {});
  TK.kinds = TK.kinds || {};
  if (TK.kinds.checklist) return; // run again by instant navigation: store.js starts the new page's tools

  TK.kinds.checklist = function (t) {
    var rows = {}, el = TK.el, statuses = !!t.root.querySelector('[data-statuses="true"]');
    var progress = TK.live();
    progress.className = "tk-progress";
    t.bar.insertBefore(progress, t.bar.firstChild);

    t.root.querySelectorAll("li.tk-item[data-item]").forEach(function (li) {
      var id = li.getAttribute("data-item"), box = li.querySelector(".tk-check");
      var r = { li: li, box: box, radios: Array.prototype.slice.call(li.querySelectorAll("input.tk-rate")) };
      var base = box ? box.id.replace(/-input$/, "") : li.id;
      t.items[id] = TK.txt(li.querySelector(box ? "label" : "legend"));
      r.radios.forEach(function (rd) { rd.addEventListener("change", function () { save(id); }); });
      if (statuses && box) {
        var sel = (r.sel = el("select"));
        Object.keys(TK.STATUS).forEach(function (k) { sel.appendChild(el("option", null, TK.STATUS[k])).value = k; });
        li.appendChild(TK.labelled("Status ", sel, base + "-status")).className = "tk-status";
        sel.addEventListener("change", function () { box.checked = sel.value === "done"; save(id); });
      }
      var det = (r.det = el("details", "tk-note")), note = (r.note = el("textarea", "tk-note-text"));
      det.appendChild(el("summary", null, "Note")).appendChild(el("span", "tk-sr", " on: " + t.items[id]));
      det.appendChild(TK.labelled("Your note on this item", note, base + "-note"));
      note.rows = 3;
      note.dir = "auto";
      li.appendChild(det);
      note.addEventListener("input", function () { save(id); });
      if (box) box.addEventListener("change", function () {
        if (r.sel) r.sel.value = box.checked ? "done" : "not-started";
        save(id);
      });
      rows[id] = r;
    });

    function data(id) {
      var r = rows[id], d = {}, rated = rating(r);
      if (r.box && r.box.checked) d.checked = true;
      if (rated) d.rating = rated.value;
      if (r.sel && r.sel.value !== "not-started") d.status = r.sel.value;
      if (r.note.value) d.note = r.note.value;
      return Object.keys(d).length ? d : null;
    }
    function save(id) {
      t.set(id, data(id));
      count();
    }
    function rating(r) {
      return r.radios.filter(function (rd) { return rd.checked; })[0] || null;
    }
    function count() {
      var done = 0, na = 0, all = 0, scaled = false;
      Object.keys(rows).forEach(function (id) {
        var r = rows[id];
        all++;
        if (r.radios.length) { scaled = true; if (rating(r)) done++; }
        else if (r.sel && r.sel.value === "na") na++;
        else if (r.box.checked) done++;
      });
      progress.textContent = done + " of " + (all - na) + (scaled ? " rated" : " done") + (na ? ", " + na + " not applicable" : "");
    }
    return {
      show: function (items) {
        Object.keys(rows).forEach(function (id) {
          var r = rows[id], d = items[id] || {};
          if (r.box) r.box.checked = !!d.checked;
          r.radios.forEach(function (rd) { rd.checked = rd.value === d.rating; });
          if (r.sel) r.sel.value = d.status || (d.checked ? "done" : "not-started");
          if (r.note.value !== (d.note || "")) r.note.value = d.note || "";
          if (d.note) r.det.open = true;
        });
        count();
      },
      busy: function (id) { return !!rows[id] && document.activeElement === rows[id].note; },
      text: function (md) {
        var out = [];
        t.walk(function (title) { out.push("", (md ? "## " : "") + title, ""); }, function (id) {
          var r = rows[id];
          if (!r) return;
          var st = r.sel ? " (" + TK.STATUS[r.sel.value] + ")" : "", rated = rating(r);
          if (r.radios.length) {
            out.push((md ? "- " : "") + t.items[id] + ": " + (rated ? TK.txt(r.li.querySelector("label[for='" + rated.id + "']")) : "not rated"));
          } else {
            out.push((md ? "- " : "") + (r.box.checked ? "[x] " : "[ ] ") + t.items[id] + st);
          }
          if (r.note.value) out.push("    Note: " + r.note.value.replace(/\n/g, "\n    "));
        });
        out.push("", progress.textContent + ".");
        return out;
      }
    };
  };
  // Loaded by Material's instant navigation, which announces the new page before it runs the
  // page's scripts: start this kind's tools now (store.js skips started ones). On a first load
  // store.js starts them with the page, after Material has set up its own parts of it (Material
  // opens every <details> it knows of to print, and a checklist's notes must stay closed).
  if (TK.started) TK.init();
})();
