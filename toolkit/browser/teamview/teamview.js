/* Team view (toolkit/site/team.py): several people's exported answers to one tool, side by side.
   Each file goes through the same checks as an import (TK.parse, core/transfer.js): a refused file is
   named with the reason and the rest still combine. Nothing is stored and nothing is sent; user
   text reaches the page only through textContent. The page's HTML lists the tool's items and
   answer levels; this script reads them from there. */
(function () {
  "use strict";
  var TK = (window.TK = window.TK || {});
  if (TK.teamview) return; // run again by instant navigation: already listening for new pages
  TK.teamview = true;
  var MAX = 5e6, NAME = 100, FORMAT = "lived-experience-toolkit-answers";

  function all(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many || one + "s"); }

  function init(root) {
    if (root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    var el = TK.el, tool = root.getAttribute("data-tool"), measure = root.getAttribute("data-measure");
    var version = +root.getAttribute("data-version"), title = root.getAttribute("data-title");
    var rows = all(root, ".tk-teamview-items > li").map(function (li) {
      return { id: li.getAttribute("data-item"), text: TK.txt(li), section: li.getAttribute("data-section") || "" };
    });
    var known = {}, levels = {}, moved = {}, people = [], list = root.querySelector(".tk-teamview-levels");
    var doneWord = (list && list.getAttribute("data-done")) || "";
    rows.forEach(function (r) { known[r.id] = r; });
    // A checklist's boxes beside each item (item_fields: "who", "by when"), saved as <item>-<field>:
    // shown with the item's note, never as answers to items the tool no longer has.
    var fields = (root.getAttribute("data-fields") || "").split("|").filter(Boolean).map(function (f) {
      var i = f.indexOf(":");
      return { id: f.slice(0, i), label: f.slice(i + 1) };
    });
    function isField(k) {
      return fields.some(function (f) { var end = "-" + f.id; return k.slice(-end.length) === end && !!known[k.slice(0, -end.length)]; });
    }
    function extra(p, r) {
      return fields.map(function (f) { var d = p.rec.items[r.id + "-" + f.id]; return d && d.text ? f.label + ": " + d.text : ""; })
        .filter(Boolean).join("\n");
    }
    all(root, ".tk-teamview-levels dd").forEach(function (dd) {
      var id = dd.getAttribute("data-level");
      levels[id] = { label: dd.textContent, order: dd.hasAttribute("data-order") ? +dd.getAttribute("data-order") : -1 };
      (dd.getAttribute("data-moved-from") || "").split(" ").filter(Boolean).forEach(function (old) { moved[old] = id; });
    });
    var order = Object.keys(levels).filter(function (k) { return levels[k].order >= 0; });

    root.classList.add("tk-teamview--js");
    var app = el("div", "tk-teamview-app"), pick = TK.input("file", "tk-teamview-pick");
    pick.multiple = true;
    var drop = app.appendChild(el("div", "tk-teamview-drop"));
    drop.appendChild(TK.labelled("Choose the export files (several at once) ", pick, "tk-teamview-files-" + tool));
    drop.appendChild(el("p", null, "or drop them here. You can add more files later."));
    var refused = app.appendChild(el("div", "tk-alert tk-teamview-refused"));
    refused.setAttribute("role", "alert");
    var status = app.appendChild(TK.live());
    var actions = app.appendChild(el("div", "tk-teamview-actions"));
    actions.hidden = true;
    actions.appendChild(TK.button("Print the meeting paper", function () { window.print(); }));
    actions.appendChild(TK.button("Download as a spreadsheet (CSV)", function () { TK.download(tool + ".team.csv", csv(), "text/csv"); }));
    actions.appendChild(TK.button("Download the combined answers (JSON)", function () { TK.download(tool + ".team.answers.json", combined(), "application/json"); }));
    actions.appendChild(TK.button("Start again", function () { people = []; refused.textContent = ""; show(); status.textContent = "The files are put aside."; }));
    var sheet = app.appendChild(el("div", "tk-teamview-sheet"));
    root.insertBefore(app, root.querySelector(".tk-teamview-levels") || root.querySelector("h2"));

    pick.addEventListener("change", function () { add(pick.files); pick.value = ""; });
    drop.addEventListener("dragover", function (e) { e.preventDefault(); drop.classList.add("tk-teamview-over"); });
    drop.addEventListener("dragleave", function () { drop.classList.remove("tk-teamview-over"); });
    drop.addEventListener("drop", function (e) {
      e.preventDefault();
      drop.classList.remove("tk-teamview-over");
      if (e.dataTransfer && e.dataTransfer.files) add(e.dataTransfer.files);
    });

    /** Read the chosen files one after another, keep the good ones, name the refused ones. */
    function add(list) {
      var files = Array.prototype.slice.call(list || []), no = [];
      refused.textContent = "";
      (function next() {
        var f = files.shift();
        if (!f) {
          no.forEach(function (line) { refused.appendChild(el("p", null, line)); });
          show();
          status.textContent = plural(people.length, "file") + " combined" + (no.length ? "; " + plural(no.length, "file") + " left out." : ".");
          return;
        }
        function refuse(why) { no.push("\u201c" + f.name + "\u201d was left out: " + why + "."); next(); }
        if (f.size > MAX) return refuse("it is larger than 5 MB, so it cannot be an answers file");
        TK.readFile(f, function (text) {
          var tools, rec, person = "", raw;
          if (text === null) return refuse("it could not be read");
          try { tools = TK.parse(text); } catch (e) { return refuse(e.message); }
          rec = tools[tool];
          if (!rec) return refuse(Object.keys(tools).length ? "it holds answers to other tools, not to \u201c" + title + "\u201d" : "it holds no answers");
          try { raw = JSON.parse(text); } catch (e) { raw = {}; }
          if (raw && raw.format === FORMAT && typeof raw.person === "string") person = raw.person.replace(/\s+/g, " ").trim().slice(0, NAME);
          for (var i = 0; i < people.length; i++) {
            if (person && people[i].name.toLowerCase() === person.toLowerCase()) return refuse("there is already a file from " + person);
            if (JSON.stringify(people[i].rec.items) === JSON.stringify(rec.items)) return refuse("it holds the same answers as \u201c" + people[i].file + "\u201d");
          }
          people.push({ name: person, file: f.name, rec: rec });
          next();
        });
      })();
    }

    function who(p) { return p.name || "Unnamed (" + p.file + ")"; }
    /** The level an answer shows, as the checklist shows it: its status (or the word that replaced
        it), a tick saved before the list had statuses as the word that counts as done. */
    function level(d) {
      var id = measure === "scale" ? d.rating : measure === "status" ? d.status : "";
      if (id && !levels[id]) id = moved[id];
      if (!id && measure === "status" && d.checked) id = doneWord;
      return id && levels[id] ? id : "";
    }
    /** One person's answer to one item in words (without the note). */
    function answer(d) {
      if (!d) return "";
      var out = [], lv = level(d);
      if (lv) out.push(levels[lv].label);
      if (measure === "tick" && d.checked) out.push("Ticked");
      if (d.text) out.push(d.text);
      if (d.answer) out.push(d.answer);
      return out.join("\n");
    }
    function answered(d) { return !!d && Object.keys(d).some(function (k) { return k !== "label" && d[k] !== "" && d[k] != null; }); }
    /** What the team said about one item: who answered, the spread of levels, whether they differ. */
    function summary(r) {
      var s = { r: r, n: 0, counts: {}, ticked: 0, orders: [] };
      people.forEach(function (p) {
        var d = p.rec.items[r.id], lv;
        if (!answered(d)) return;
        s.n++;
        if (d.checked) s.ticked++;
        lv = level(d);
        if (lv) {
          s.counts[lv] = (s.counts[lv] || 0) + 1;
          if (levels[lv].order >= 0) s.orders.push(levels[lv].order);
        }
      });
      s.apart = s.orders.length > 1 && Math.max.apply(null, s.orders) - Math.min.apply(null, s.orders) >= 2;
      return s;
    }
    function anchor(r) { return "tv-" + tool + "--" + r.id; }

    function show() {
      sheet.textContent = "";
      actions.hidden = !people.length;
      root.classList.toggle("tk-teamview--shown", people.length > 0);
      document.documentElement.classList.toggle("tk-teamview-printing", people.length > 0);
      if (!people.length) return;
      var sums = rows.map(summary), older = people.filter(function (p) { return p.rec.version !== version; }).length;
      sheet.appendChild(el("h2", null, "Team view: " + title));
      sheet.appendChild(el("p", null, "Answers from " + plural(people.length, "person", "people") + ": " + people.map(who).join(", ") + "."));
      if (older) sheet.appendChild(el("p", null, plural(older, "file") + " came from an earlier version of the tool; answers to items it no longer has are listed at the end."));

      sheet.appendChild(el("h3", null, "Start here"));
      var first = sums.filter(function (s) { return s.apart || !s.n; });
      if (!first.length) sheet.appendChild(el("p", null, "Every item has at least one answer" + (order.length ? ", and no item has answers two or more levels apart." : ".")));
      else {
        var ul = sheet.appendChild(el("ul", "tk-teamview-first"));
        first.sort(function (a, b) { return (b.apart ? 1 : 0) - (a.apart ? 1 : 0); }).forEach(function (s) {
          var li = ul.appendChild(el("li")), a = li.appendChild(el("a", null, s.r.text));
          a.href = "#" + anchor(s.r);
          li.appendChild(document.createTextNode(s.apart ? ": answers two or more levels apart" : ": nobody answered"));
        });
      }

      sheet.appendChild(el("h3", null, "Item by item"));
      var section = "";
      sums.forEach(function (s) {
        if (s.r.section && s.r.section !== section) sheet.appendChild(el("p", "tk-teamview-section", (section = s.r.section)));
        var box = sheet.appendChild(el("div", "tk-teamview-item"));
        box.id = anchor(s.r);
        box.appendChild(el("h4", null, s.r.text));
        box.appendChild(el("p", "tk-teamview-count", s.n + " of " + people.length + " answered" + (s.apart ? "; answers two or more levels apart" : "")));
        spread(box, s);
        var table = box.appendChild(el("table", "tk-teamview-answers")), body = el("tbody");
        table.appendChild(el("caption", "tk-sr", "Each person's answer to: " + s.r.text));
        var head = table.appendChild(el("thead")).appendChild(el("tr"));
        ["Person", "Answer", "Note"].forEach(function (h) { head.appendChild(el("th", null, h)).scope = "col"; });
        table.appendChild(body);
        people.forEach(function (p) {
          var d = p.rec.items[s.r.id], tr = body.appendChild(el("tr"));
          tr.appendChild(el("th", null, who(p))).scope = "row";
          tr.appendChild(el("td", null, answered(d) ? answer(d) || "\u2014" : "No answer"));
          tr.appendChild(el("td", null, [(d && d.note) || "", extra(p, s.r)].filter(Boolean).join("\n")));
        });
      });

      var gone = people.filter(function (p) { return Object.keys(p.rec.items).some(function (k) { return !known[k] && !isField(k); }); });
      if (gone.length) {
        sheet.appendChild(el("h3", null, "Answers to items this tool no longer has"));
        var dl = sheet.appendChild(el("dl", "tk-teamview-gone"));
        gone.forEach(function (p) {
          Object.keys(p.rec.items).filter(function (k) { return !known[k] && !isField(k); }).forEach(function (k) {
            var d = p.rec.items[k];
            dl.appendChild(el("dt", null, who(p) + ": " + (d.label || k)));
            dl.appendChild(el("dd", null, [answer(d), d.note].filter(Boolean).join("\n") || TK.describe(d)));
          });
        });
      }
    }

    /** The spread of levels (or ticks) as a table whose bars also read as numbers. */
    function spread(box, s) {
      var list = measure === "tick" ? [["Ticked", s.ticked], ["Not ticked", s.n - s.ticked]]
        : Object.keys(levels).map(function (k) { return [levels[k].label, s.counts[k] || 0]; });
      if (!list.length) return;
      var table = box.appendChild(el("table", "tk-teamview-spread"));
      table.appendChild(el("caption", null, "Spread"));
      list.forEach(function (x) {
        var tr = table.appendChild(el("tr"));
        tr.appendChild(el("th", null, x[0])).scope = "row";
        var td = tr.appendChild(el("td", "tk-teamview-bar")), bar = td.appendChild(el("span"));
        bar.style.width = (people.length ? Math.round((100 * x[1]) / people.length) : 0) + "%";
        bar.setAttribute("aria-hidden", "true");
        tr.appendChild(el("td", "tk-teamview-n", String(x[1])));
      });
    }

    function cell(v) {
      v = String(v == null ? "" : v);
      if (/^[=+\-@\t\r]/.test(v)) v = "'" + v; // a spreadsheet must not run it as a formula
      return '"' + v.replace(/"/g, '""') + '"';
    }
    /** One row per item, one column per person: the answer, then the note and the item's boxes. */
    function csv() {
      var lines = [["Item"].concat(people.map(who)).map(cell).join(",")];
      rows.forEach(function (r) {
        lines.push([r.text].concat(people.map(function (p) {
          var d = p.rec.items[r.id];
          return [answer(d), d && d.note ? "Note: " + d.note : "", extra(p, r)].filter(Boolean).join("\n");
        })).map(cell).join(","));
      });
      return "\ufeff" + lines.join("\r\n") + "\r\n";
    }
    /** The export format (it imports as one tool's answers: everyone's words, by name), plus each file whole. */
    function combined() {
      var items = {}, text = measure === "text" ? "text" : "note";
      rows.forEach(function (r) {
        var parts = people.map(function (p) {
          var d = p.rec.items[r.id], a = [answer(d), d && d.note].filter(Boolean).join("\n");
          return answered(d) && a ? who(p) + ": " + a : "";
        }).filter(Boolean);
        if (parts.length) { items[r.id] = { label: r.text }; items[r.id][text] = parts.join("\n\n"); }
      });
      var one = {};
      one[tool] = { tool: tool, kind: root.getAttribute("data-kind"), title: title, version: version, updated: new Date().toISOString(), format: 2, items: items };
      return JSON.stringify({
        format: FORMAT, version: 2, exported: new Date().toISOString(), tools: one,
        people: people.map(function (p) { var t = {}; t[tool] = p.rec; return p.name ? { person: p.name, tools: t } : { tools: t }; })
      }, null, 2);
    }
  }

  function start() {
    document.documentElement.classList.remove("tk-teamview-printing"); // a page left by instant navigation
    document.querySelectorAll(".tk-teamview[data-tool]").forEach(init);
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
