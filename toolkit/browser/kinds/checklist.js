/* Checklists: one control per item. A tick box; or, where the tool has `statuses`, one status
   (a radio group whose words the tool's YAML sets); or, where it has a `scale`, a rating. Each
   item has a note, and a progress line that stays in view while the list scrolls is announced
   to screen readers when the count changes (not on each keystroke in a note).
   Saved by item id through the tool TK.kind gives (core/tool.js): {checked, status, rating, note};
   each of the tool's item_fields boxes as {text} under `<item id>-<field id>`.
   A status saved under an id the tool's words have since replaced (data-moved-from), or a tick
   saved before the list had statuses, shows as the word that took its place. */
(function () {
  "use strict";
  var TK = window.TK;
  // On a first load the core starts the tools with the page, after Material has set up its own
  // parts of it (Material opens every <details> it knows of to print, and a checklist's notes must
  // stay closed); loaded by instant navigation, TK.kind starts them at once.
  TK.kind("checklist", function (t) {
    var rows = {}, el = TK.el, list = t.root.querySelector(".tk-checklist");
    var doneWord = list && list.getAttribute("data-done"), naWord = list && list.getAttribute("data-not-applicable");
    // The progress line: the page has its place, before the list (and its first section's
    // heading and intro), inside the tool, where it is sticky; checklist.css keeps its line.
    var words = {}, moved = {}, fields = {}, progress = t.root.querySelector(".tk-progress") || TK.live();
    progress.className = "tk-progress";
    progress.hidden = false;
    if (!progress.parentNode && list) list.before(progress);

    t.root.querySelectorAll("li.tk-item[data-item]").forEach(function (li) {
      var id = li.getAttribute("data-item"), box = li.querySelector(".tk-check");
      var r = { li: li, box: box, radios: Array.prototype.slice.call(li.querySelectorAll("input.tk-rate, input.tk-status-choice")) };
      r.status = !!li.querySelector("input.tk-status-choice");
      t.items[id] = TK.txt(li.querySelector(box ? "label" : "legend"));
      r.radios.forEach(function (rd) {
        if (r.status) {
          words[rd.value] = TK.txt(li.querySelector("label[for='" + rd.id + "']"));
          (rd.getAttribute("data-moved-from") || "").split(" ").forEach(function (old) { if (old) moved[old] = rd.value; });
        }
        rd.addEventListener("change", function () { save(id); });
      });
      var det = (r.det = el("details", "tk-note")), note = (r.note = el("textarea", "tk-note-text"));
      det.appendChild(el("summary", null, "Note")).appendChild(el("span", "tk-sr", " on: " + t.items[id]));
      det.appendChild(TK.labelled("Your note on this item", note, li.id + "-note"));
      note.rows = 3;
      note.dir = "auto";
      li.appendChild(det);
      note.addEventListener("input", function () { save(id); });
      if (box) box.addEventListener("change", function () { save(id); });
      // The tool's item_fields (owner, date...): each box is an answer of its own, {text}, under
      // `<item>-<field>` (the end of its stable anchor, as a reflection part's).
      r.fields = {};
      li.querySelectorAll("input.tk-item-answer[data-field]").forEach(function (input) {
        var fid = id + "-" + input.getAttribute("data-field");
        t.items[fid] = t.items[id] + " \u2014 " + TK.txt(input.parentNode);
        r.fields[fid] = fields[fid] = input;
        input.addEventListener("input", function () { t.set(fid, input.value ? { text: input.value } : null); });
      });
      rows[id] = r;
    });

    function chosen(r) {
      return r.radios.filter(function (rd) { return rd.checked; })[0] || null;
    }
    function data(id) {
      var r = rows[id], d = {}, c = chosen(r);
      if (r.box && r.box.checked) d.checked = true;
      if (c) d[r.status ? "status" : "rating"] = c.value;
      if (r.note.value) d.note = r.note.value;
      return Object.keys(d).length ? d : null;
    }
    function save(id) {
      t.set(id, data(id));
      count();
    }
    /** The status word a saved item shows: its own, the word that replaced it, or (a tick saved
        before the list had statuses) the word that counts as done. */
    function statusOf(d) {
      var s = d.status;
      if (s && !(s in words)) s = moved[s];
      if (!s && d.checked) s = doneWord;
      return s || null;
    }
    function count() {
      var done = 0, na = 0, all = 0, answered = 0, text;
      Object.keys(rows).forEach(function (id) {
        var r = rows[id], c = chosen(r);
        all++;
        if (r.box) done += r.box.checked ? 1 : 0;
        else if (c) {
          answered++;
          if (c.value === naWord) na++;
          else if (!r.status || c.value === doneWord) done++;
        }
      });
      if (list && list.hasAttribute("data-scale")) text = done + " of " + all + " rated";
      else if (doneWord === "done" || !list || !list.hasAttribute("data-statuses")) text = done + " of " + (all - na) + " done";
      else if (doneWord) text = words[doneWord] + ": " + done + " of " + (all - na);
      else text = answered + " of " + all + " answered";
      if (na) text += ", " + na + " " + words[naWord].toLowerCase();
      // Only a change is written, so the live region speaks when the count moves.
      if (progress.textContent !== text) progress.textContent = text;
    }
    return {
      show: function (items) {
        Object.keys(rows).forEach(function (id) {
          var r = rows[id], d = items[id] || {}, s = r.status ? statusOf(d) : d.rating;
          if (r.box) r.box.checked = !!d.checked;
          r.radios.forEach(function (rd) { rd.checked = rd.value === s; });
          if (r.note.value !== (d.note || "")) r.note.value = d.note || "";
          if (d.note) r.det.open = true;
        });
        Object.keys(fields).forEach(function (fid) {
          var v = (items[fid] && items[fid].text) || "";
          if (fields[fid].value !== v) fields[fid].value = v;
        });
        count();
      },
      busy: function (id) {
        var now = document.activeElement;
        return rows[id] ? now === rows[id].note : !!fields[id] && now === fields[id];
      },
      text: function (md) {
        var out = [];
        t.walk(function (title) { out.push("", (md ? "## " : "") + title, ""); }, function (id) {
          var r = rows[id];
          if (!r) return;
          var c = chosen(r), label = c ? TK.txt(r.li.querySelector("label[for='" + c.id + "']")) : "";
          if (r.status) out.push((md ? "- " : "") + (c && c.value === doneWord ? "[x] " : "[ ] ") + t.items[id] + " (" + (label || "no status yet") + ")");
          else if (r.radios.length) out.push((md ? "- " : "") + t.items[id] + ": " + (label || "not rated"));
          else out.push((md ? "- " : "") + (r.box.checked ? "[x] " : "[ ] ") + t.items[id]);
          Object.keys(r.fields).forEach(function (fid) {
            var f = r.fields[fid];
            if (f.value) out.push("    " + TK.txt(f.parentNode) + ": " + f.value);
          });
          if (r.note.value) out.push("    Note: " + r.note.value.replace(/\n/g, "\n    "));
        });
        out.push("", progress.textContent + ".");
        return out;
      }
    };
  });
})();
