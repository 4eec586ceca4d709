/* "Meet the team": several people's documents from one template on one printable sheet, made
   from the files each person exports. Loaded by template.js only when someone starts a sheet.
   The files are read in this browser, never uploaded or kept. */
(function () {
  "use strict";
  var TK = window.TK;
  if (TK.teamSheet) return;
  var el = function (a, b, c) { return TK.el(a, b, c); };

  TK.teamSheet = function (t, box, sheetTitle, list, level) {
    var blocks = TK.docBlocks, paint = TK.docPaint;
    var people = [], live = TK.live(), sheet = el("div", "tk-team-sheet");
    var file = TK.input("file"), row = el("div", "tk-buttons");
    box.textContent = "";
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
    file.focus();

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
        var card = el("article", "tk-person"), body = el("div");
        // The name: the answer shown as a heading (data-doc="heading"), or else the first field.
        var named = list.filter(function (f) { return f.doc === "heading"; })[0] || list[0];
        var name = (named && items[named.id] && String(items[named.id].text || "").trim()) || "";
        var all = blocks("", list.filter(function (f) { return f !== named; }), items);
        paint(body, [{ h: 1, text: name || "Person " + (i + 1) }].concat(all), level + 1);
        body.firstChild.className = "tk-person-name";
        card.appendChild(body);
        var rm = TK.button("Remove from the sheet", function () { people.splice(i, 1); draw(); live.textContent = "Removed."; });
        rm.setAttribute("aria-label", "Remove " + (name || "person " + (i + 1)) + " from the sheet");
        card.appendChild(rm);
        sheet.appendChild(card);
      });
    }
  };
})();
