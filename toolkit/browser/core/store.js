/* Toolkit core: keeps answers on this device, keyed by tool id and item id (never position),
   and adds the notice, export, import and clear controls to each tool. User text only ever
   reaches the page through textContent or .value; nothing is sent anywhere.
   Stored format (README "Stored answers"; toolkit/schema/answers.schema.json): one record per
   tool under tk:tool:<id>; `format` is its format version (none = 1). UP[n] upgrades format n
   to n+1: never change a shipped step, add one, and add a fixture to tests/fixtures/stored. */
(function () {
  "use strict";
  var TK = (window.TK = window.TK || {});
  TK.kinds = TK.kinds || {};
  var PREFIX = "tk:tool:", SETTINGS = "tk:settings", FORMAT = "lived-experience-toolkit-answers";
  var FIELDS = { label: "string", text: "string", note: "string", status: "string", answer: "string", rating: "string", checked: "boolean" };
  var FMT = 2, MAX = 5e6, LONG = 2e5, ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var UP = [0, function (rec) { rec.format = 2; return rec; }];
  TK.STATUS = { "not-started": "Not started", "in-progress": "In progress", done: "Done", na: "Not applicable" };
  var ls = null, mem = {}, saving = false, problem = "", ctls = [];

  try {
    ls = window.localStorage;
    ls.getItem(SETTINGS); // throws where storage is blocked
    try {
      ls.setItem("tk:probe", "1");
      ls.removeItem("tk:probe");
    } catch (e) { problem = "full"; } // readable, not writable: show what is saved, keep new answers in memory
  } catch (e) {
    ls = null;
    problem = "unavailable";
  }
  function wanted() {
    try { return (JSON.parse(ls.getItem(SETTINGS)) || {}).save !== false; } catch (e) { return true; }
  }
  function lsKeys() {
    var out = [];
    for (var i = 0; ls && i < ls.length; i++) if (ls.key(i).indexOf(PREFIX) === 0) out.push(ls.key(i));
    return out;
  }
  // Saving off (or storage full): answers live in `mem` for this visit only.
  function toMemory() {
    mem = {};
    lsKeys().forEach(function (k) { mem[k] = ls.getItem(k); });
    saving = false;
  }
  if (ls && wanted() && !problem) saving = true;
  else if (ls) toMemory();

  /** Store one whole record or nothing. Storage full: `strict` (an import) just returns false;
      typing carries on in memory, keeps what is saved as it was and tells the user at once. */
  function write(key, value, strict) {
    if (saving) {
      try {
        value === null ? ls.removeItem(key) : ls.setItem(key, value);
        return true;
      } catch (e) {
        if (strict) return false;
        toMemory();
        full();
      }
    }
    if (value === null) delete mem[key]; else mem[key] = value;
    return true;
  }
  function full() {
    problem = "full";
    refresh();
    ctls.forEach(function (t) { warn(t.bar, notice()); t.bar.querySelector("details").open = true; reveal(t.bar); });
  }
  function raw(id) { return (saving ? ls.getItem(PREFIX + id) : mem[PREFIX + id]) || null; }
  /** A record in the current format (upgraded step by step), or null. */
  function upgrade(rec) {
    if (!rec || typeof rec.items !== "object" || !rec.items) return null;
    for (var v = rec.format || 1; v < FMT; v++) rec = UP[v](rec);
    return rec;
  }
  function decode(text) { try { return upgrade(JSON.parse(text)); } catch (e) { return null; } }
  TK.read = function (id) { return decode(raw(id)); };
  // Rewrite older records in the current format (one whole record at a time; if storage is
  // full the old one stays, and is upgraded again each time it is read).
  lsKeys().forEach(function (k) {
    var old = ls.getItem(k), rec = decode(old), text = rec && JSON.stringify(rec);
    if (text && text !== old) try { ls.setItem(k, text); } catch (e) { /* kept as it was */ }
  });
  function put(id, rec) {
    write(PREFIX + id, rec && Object.keys(rec.items).length ? JSON.stringify(rec) : null);
  }
  function all() {
    var tools = {};
    (saving ? lsKeys() : Object.keys(mem)).sort().forEach(function (k) {
      var id = k.slice(PREFIX.length), rec = TK.read(id);
      if (rec) tools[id] = rec;
    });
    return tools;
  }

  // ---- DOM helpers
  var el = (TK.el = function (tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text != null) n.textContent = text;
    return n;
  });
  TK.button = function (text, onclick, cls) {
    var b = el("button", "tk-btn" + (cls ? " " + cls : ""), text);
    b.type = "button";
    b.addEventListener("click", onclick);
    return b;
  };
  /** A labelled control: returns the label, with the control after its text (or before it). */
  TK.labelled = function (text, control, id, first) {
    var lab = el("label", null, text);
    control.id = id;
    lab.htmlFor = id;
    if (first) lab.insertBefore(control, lab.firstChild); else lab.appendChild(control);
    return lab;
  };
  TK.input = function (type, cls) {
    var i = el("input", cls);
    i.type = type;
    if (type === "file") i.accept = ".json,application/json";
    return i;
  };
  TK.live = function () {
    var p = el("p", "tk-live tk-sr");
    p.setAttribute("role", "status");
    return p;
  };
  TK.txt = function (node) {
    return node ? node.textContent.replace(/¶\s*$/, "").replace(/\s+/g, " ").trim() : "";
  };
  TK.download = function (name, text, type) {
    var a = el("a");
    a.href = URL.createObjectURL(new Blob([text], { type: type + ";charset=utf-8" }));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  };
  /** Read a file as text; one over 5 MB is refused unread (done(null)). */
  TK.readFile = function (file, done) {
    if (file.size > MAX) return done(null);
    var r = new FileReader();
    r.onload = function () { done(String(r.result)); };
    r.onerror = function () { done(null); };
    r.readAsText(file);
  };
  TK.print = function (cls) {
    var html = document.documentElement;
    if (cls) html.classList.add(cls);
    window.addEventListener("afterprint", function done() {
      if (cls) html.classList.remove(cls);
      window.removeEventListener("afterprint", done);
    });
    window.print();
  };
  /** Items as text that does not depend on the order of their keys (to compare a file with storage). */
  function canon(items) {
    return JSON.stringify(Object.keys(items).sort().map(function (k) {
      return [k].concat(Object.keys(FIELDS).map(function (f) { return items[k][f]; }));
    }));
  }
  function same(a, b) { return JSON.stringify(a || null) === JSON.stringify(b || null); }

  // ---- export and import
  function bundle(tools, person) {
    var out = { format: FORMAT, version: FMT, exported: new Date().toISOString(), tools: tools };
    if (person) out.person = person.slice(0, 100); // typed by the person, for team view; never made up
    return JSON.stringify(out, null, 2);
  }
  /** Parse an export file (any format up to FMT) into {toolId: record in the current format},
      keeping only known, well-typed fields; throws an Error saying why a file is refused. */
  TK.parse = function (text) {
    var data, out = {}, v;
    function no(why) { throw new Error(why); }
    function obj(o) { return o && typeof o === "object" && !Array.isArray(o); }
    function key(k) { if (!ID.test(k) || k.length > 200 || k in Object.prototype) no("it holds an id that is not one of this toolkit's ids"); }
    function str(s) { if (s.length > LONG) no("it holds a value over 200,000 characters long"); return s; }
    try { data = JSON.parse(text); } catch (e) { no(String(text).indexOf(FORMAT) < 0 ? "it is not an answers file from this toolkit" : "the file is incomplete or damaged"); }
    if (!obj(data) || data.format !== FORMAT || !obj(data.tools)) no("it is not an answers file from this toolkit");
    v = data.version || 1;
    if (!(v >= 1) || v % 1) no("it is not an answers file from this toolkit");
    if (v > FMT) no("it comes from a newer version of this toolkit (format " + v + "; this site reads up to " + FMT + ")");
    Object.keys(data.tools).forEach(function (id) {
      var rec = data.tools[id], items = {};
      key(id);
      if (!obj(rec) || !obj(rec.items)) no("the answers to " + id + " are damaged");
      Object.keys(rec.items).forEach(function (item) {
        var src = rec.items[item], dst = {};
        key(item);
        if (!obj(src)) no("the answers to " + id + " are damaged");
        items[item] = dst;
        Object.keys(FIELDS).forEach(function (f) { if (typeof src[f] === FIELDS[f]) dst[f] = f === "checked" ? src[f] : str(src[f]); });
      });
      if (Object.keys(items).length) out[id] = upgrade({ tool: id, kind: str(String(rec.kind || "")), title: str(String(rec.title || id)),
        version: Number(rec.version) || 1, updated: str(String(rec.updated || "")), format: v, items: items });
    });
    return out;
  };
  function importFile(file, bar) {
    TK.readFile(file, function (text) {
      var tools, ids, plan = [[], [], []], stay = 0, lines = ["Import answers from " + file.name + "?"];
      try {
        if (text === null) throw new Error("it is over 5 MB, far bigger than an answers file");
        tools = TK.parse(text);
      } catch (e) { return warn(bar, "Could not import " + file.name + ": " + e.message + ". Nothing on this device has changed."); }
      ids = Object.keys(tools);
      ids.forEach(function (id) {
        var old = TK.read(id);
        plan[!old ? 1 : canon(old.items) === canon(tools[id].items) ? 2 : 0].push(tools[id].title);
      });
      Object.keys(all()).forEach(function (id) { if (ids.indexOf(id) < 0) stay++; });
      if (!plan[0].length && !plan[1].length) return warn(bar, file.name + " holds no answers that are not already here. Nothing has changed.");
      ["It replaces your answers to ", "It adds answers to ", "It leaves unchanged your answers to "].forEach(function (s, i) {
        if (plan[i].length) lines.push(s + countTools(plan[i].length) + ": " + plan[i].join(", ") + ".");
      });
      if (stay) lines.push("Your answers to " + stay + " other " + (stay === 1 ? "tool" : "tools") + " are not in the file and stay as they are.");
      ask(bar, lines, "Import", "Nothing imported.", function () {
        var before = ids.map(raw), n = 0;
        while (n < ids.length && write(PREFIX + ids[n], JSON.stringify(tools[ids[n]]), true)) n++;
        if (n < ids.length) {
          while (n--) write(PREFIX + ids[n], before[n], true);
          return warn(bar, "Could not import " + file.name + ": this browser's storage is full. Nothing on this device has changed.");
        }
        reloadAll();
        warn(bar, "");
        say(bar, "Imported answers to " + countTools(ids.length) + " from " + file.name + ".");
      });
    });
  }
  function countTools(n) { return n + (n === 1 ? " tool" : " tools"); }
  /** An in-page question (not window.confirm, which locked-down browsers may block): `lines` (the
      first names it), then `yes` or Cancel, which says `none`. Focus goes to Cancel (the safe
      choice: a double Enter changes nothing) and Tab stays inside until it closes; Escape closes
      it from anywhere. Then focus goes back to where it was. `danger`: `yes` destroys answers,
      and looks it. */
  function ask(bar, lines, yes, none, onYes, danger) {
    var box = el("div", "tk-ask admonition question"), old = bar.querySelector(".tk-ask"), from = document.activeElement;
    if (old) old.remove();
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-modal", "true");
    box.setAttribute("aria-label", lines[0]);
    lines.forEach(function (l) { box.appendChild(el("p", null, l)); });
    var ok = box.appendChild(TK.button(yes, function () { close(onYes); }, danger ? "tk-btn--danger" : "")),
      cancel = box.appendChild(TK.button("Cancel", function () { close(no); }));
    function key(e) {
      if (!box.isConnected) return document.removeEventListener("keydown", key, true); // replaced or gone
      if (e.key === "Escape") close(no);
      else if (e.key === "Tab") { // keep focus on the two buttons
        e.preventDefault();
        (document.activeElement === ok ? cancel : ok).focus();
      }
    }
    function close(then) {
      document.removeEventListener("keydown", key, true);
      if (!box.isConnected) return;
      box.remove();
      if (from && from.isConnected) from.focus();
      then();
    }
    function no() { say(bar, none); }
    document.addEventListener("keydown", key, true);
    bar.appendChild(box);
    cancel.focus();
  }
  /** A stored answer in words (orphans, plain-text export). */
  TK.describe = function (d) {
    return [d.checked && "Ticked", d.status && "Status: " + (TK.STATUS[d.status] || d.status), d.text,
      d.note && "Note: " + d.note].filter(Boolean).join("\n");
  };

  // ---- the notice and controls
  function notice() {
    if (problem === "unavailable") return "This browser is not letting the site store anything here (a private window or a locked-down setting), so your answers will not be kept after you leave this page. Export or download them to keep a copy.";
    if (problem === "full") return "This browser's storage is full. Answers saved before are safe, but new changes stay on this page only until you leave it: export all your answers to keep a copy.";
    if (!saving) return "Saving is off: what you type stays on this page only until you leave it. Answers saved earlier stay on this device until you clear them.";
    return "Your answers are saved as you type, in this browser on this device only. Nothing is sent anywhere. On a shared computer, switch saving off or clear your answers when you finish.";
  }
  /** A visible message that is announced at once (problems, refusals); "" hides it. */
  function warn(bar, text) { bar.querySelector(".tk-alert").textContent = text; if (text) reveal(bar); }
  /** Open the "Print and save" disclosure the bar sits in, so that a problem is seen. */
  function reveal(bar) { if (bar.parentNode.open === false) bar.parentNode.open = true; }
  function say(bar, text) {
    var live = bar.querySelector(".tk-live");
    live.textContent = "";
    setTimeout(function () { live.textContent = text; }, 50);
  }
  function refresh() {
    ctls.forEach(function (t) {
      var sw = t.bar.querySelector(".tk-save-switch");
      t.bar.querySelector(".tk-where").textContent = notice();
      sw.checked = saving;
      sw.disabled = !ls || problem === "full";
      if (problem) reveal(t.bar);
    });
  }
  function setSaving(on) {
    if (on) {
      // Answers typed with saving off go to storage; if they do not fit, they stay in memory.
      if (!Object.keys(mem).every(function (k) { try { return !ls.setItem(k, mem[k]); } catch (e) { return false; } })) return full();
      saving = true;
      problem = "";
      ls.removeItem(SETTINGS);
    } else {
      toMemory();
      try { ls.setItem(SETTINGS, JSON.stringify({ save: false })); } catch (e) { /* off for this visit only */ }
    }
    refresh();
  }
  function reloadAll() { ctls.forEach(function (t) { t.load(); }); }

  var KEEP = "Export them first if you may need them.", NONE = "Nothing cleared.";
  function makeBar(t) {
    var bar = el("div", "tk-bar"), sw = TK.input("checkbox", "tk-save-switch"), file = TK.input("file", "tk-import");
    var more = el("details", "tk-actions"), row = el("div", "tk-buttons"), who = TK.input("text", "tk-who");
    bar.setAttribute("role", "region");
    bar.setAttribute("aria-label", "Your answers to " + t.title);
    bar.appendChild(el("p", "tk-where"));
    bar.appendChild(TK.labelled(" Save my answers on this device", sw, t.id + "--tk-save", true)).className = "tk-switch";
    sw.addEventListener("change", function () { setSaving(sw.checked); say(bar, notice()); });
    more.appendChild(el("summary", null, "Download, export, import or clear"));
    [["Download as Markdown", function () { TK.download(t.id + ".md", t.text(true), "text/markdown"); }],
      ["Download as plain text", function () { TK.download(t.id + ".txt", t.text(false), "text/plain"); }],
      ["Export this tool (JSON)", function () {
        var one = {};
        if (Object.keys(t.rec.items).length) one[t.id] = t.rec;
        TK.download(t.id + ".answers.json", bundle(one, who.value.trim()), "application/json");
      }],
      ["Export all my answers (JSON)", function () { TK.download("toolkit-answers.json", bundle(all(), who.value.trim()), "application/json"); }],
      ["Clear this tool", function () {
        ask(bar, ["Clear all your answers to \u201c" + t.title + "\u201d on this device?", KEEP], "Clear", NONE, function () {
          put(t.id, null);
          t.load();
          say(bar, "Your answers to this tool are cleared.");
        }, true);
      }],
      ["Clear all my answers on this device", function () {
        ask(bar, ["Clear your answers to every tool on this device?", KEEP], "Clear all", NONE, function () {
          lsKeys().forEach(function (k) { ls.removeItem(k); });
          mem = {};
          reloadAll();
          say(bar, "All your answers on this device are cleared.");
        }, true);
      }]
    ].forEach(function (b) { row.appendChild(TK.button(b[0], b[1])); });
    row.insertBefore(TK.labelled("Import answers from a file ", file, t.id + "--tk-import"), row.children[4]).className = "tk-file";
    who.maxLength = 100;
    who.autocomplete = "name";
    row.insertBefore(TK.labelled("For team view: the name or initials to put in exported files (optional) ", who, t.id + "--tk-who"), row.children[2]).className = "tk-file";
    file.addEventListener("change", function () { if (file.files[0]) importFile(file.files[0], bar); file.value = ""; });
    more.appendChild(row);
    bar.appendChild(more);
    bar.appendChild(el("p", "tk-alert")).setAttribute("role", "alert");
    bar.appendChild(TK.live());
    return bar;
  }

  // ---- one tool on the page
  function Tool(root) {
    // The bar goes in the tool's "Print and save" disclosure (its own page) or, embedded, under its head.
    var t = this, place = root.querySelector(".tk-print-save") || root.querySelector(".tk-head");
    t.root = root;
    t.id = root.getAttribute("data-tool");
    t.kind = root.getAttribute("data-kind");
    t.version = Number(root.getAttribute("data-version")) || 1;
    t.title = TK.txt(document.getElementById(t.id)) || t.id;
    t.items = {}; // item id -> label, in page order; the kind fills it
    root.classList.add("tk-js");
    t.bar = makeBar(t);
    if (place && place.tagName === "DETAILS") place.appendChild(t.bar);
    else root.insertBefore(t.bar, place ? place.nextSibling : root.firstChild);
    t.orphans = el("section", "tk-orphans");
    root.appendChild(t.orphans);
    t.view = TK.kinds[t.kind](t);
    // What the kind shows in the bar for all to see (a checklist's progress) stays in view, under the head.
    var shown = t.bar.querySelector(".tk-progress"), head = root.querySelector(".tk-head");
    if (shown && head && place !== head) head.after(shown);
    ctls.push(t);
    refresh();
    t.load();
  }
  Tool.prototype.fresh = function () {
    return TK.read(this.id) || { tool: this.id, kind: this.kind, title: this.title, version: this.version, updated: "", format: FMT, items: {} };
  };
  /** Save one item (null when empty); re-reads storage first so other tabs' items are kept. */
  Tool.prototype.set = function (item, data) {
    var rec = this.fresh();
    if (data) {
      data.label = this.items[item] || item;
      rec.items[item] = data;
    } else delete rec.items[item];
    this.commit(rec);
  };
  /** Replace every current item at once (flows); answers to removed items are kept. */
  Tool.prototype.setAll = function (items) {
    var t = this, rec = t.fresh();
    Object.keys(t.items).forEach(function (k) { delete rec.items[k]; });
    Object.keys(items).forEach(function (k) { items[k].label = t.items[k]; rec.items[k] = items[k]; });
    t.commit(rec);
  };
  Tool.prototype.commit = function (rec) {
    // Saved by a newer version of the toolkit (another copy of the site at this address): shown, never rewritten.
    if (rec.format > FMT) return warn(this.bar, "Your answers to this tool were saved by a newer version of this toolkit, so this page shows them but cannot save changes to them.");
    rec.title = this.title;
    rec.kind = this.kind;
    rec.version = this.version;
    rec.updated = new Date().toISOString();
    put(this.id, (this.rec = rec));
  };
  Tool.prototype.load = function () {
    this.rec = this.fresh();
    this.view.show(this.rec.items);
    this.showOrphans();
    // Print views (print.js) copy the restored answers into what prints.
    document.dispatchEvent(new CustomEvent("toolkit:answers-restored", { detail: { tool: this.id } }));
  };
  Tool.prototype.gone = function () {
    var t = this;
    return Object.keys(t.rec.items).filter(function (k) { return !(k in t.items); });
  };
  Tool.prototype.showOrphans = function () {
    var t = this, box = t.orphans, gone = t.gone(), list = el("ul");
    box.textContent = "";
    box.hidden = !gone.length;
    box.appendChild(el("p", "tk-orphans-title", "Answers to items no longer in this tool"));
    box.appendChild(el("p", null, "This tool has changed since you answered these. They are kept here until you delete them."));
    gone.forEach(function (k) {
      var d = t.rec.items[k], li = el("li", "tk-orphan"), label = d.label || k;
      li.appendChild(el("p", "tk-orphan-label", label));
      li.appendChild(el("p", "tk-orphan-answer", TK.describe(d)));
      li.appendChild(TK.button("Delete this answer", function () {
        t.set(k, null);
        t.showOrphans();
        say(t.bar, "Answer deleted.");
      })).setAttribute("aria-label", "Delete your answer to: " + label);
      list.appendChild(li);
    });
    box.appendChild(list);
  };
  /** Visit section headings and items in page order (for text export). */
  Tool.prototype.walk = function (onSection, onItem) {
    var t = this;
    t.root.querySelectorAll("h2[id],h3[id],h4[id],h5[id],h6[id],[data-item]").forEach(function (n) {
      if (n.hasAttribute("data-item")) return onItem(n.getAttribute("data-item"), n);
      var sec = n.id.slice(t.id.length + 2);
      if (n.id.indexOf(t.id + "--") === 0 && sec !== "related" && sec !== "outcomes") onSection(TK.txt(n));
    });
  };
  Tool.prototype.text = function (md) {
    var t = this, h = md ? "# " : "", lines = [h + t.title, "",
      "Exported on " + new Date().toLocaleString() + " from " + location.href.split("#")[0] + " (tool version " + t.version + ").", ""];
    lines = lines.concat(t.view.text(md));
    if (t.gone().length) lines.push("", h + (md ? "# " : "") + "Answers to items no longer in this tool", "");
    t.gone().forEach(function (k) {
      var d = t.rec.items[k];
      lines.push(md ? "**" + d.label + "**" : d.label, "", TK.describe(d), "");
    });
    return lines.join("\n").replace(/\n{3,}/g, "\n\n") + "\n";
  };
  /** Another tab changed this tool: show its answers, unless that would overwrite an edit here. */
  Tool.prototype.sync = function () {
    var t = this, mine = t.rec.items, theirs = t.fresh().items, busy = [];
    Object.keys(mine).concat(Object.keys(theirs)).forEach(function (k) {
      if (!same(mine[k], theirs[k]) && t.view.busy(k) && busy.indexOf(k) < 0) busy.push(k);
    });
    if (!busy.length) return t.load();
    var box = t.root.querySelector(".tk-conflict") || t.bar.appendChild(el("div", "tk-conflict admonition warning"));
    box.textContent = "";
    box.setAttribute("role", "alert");
    reveal(t.bar);
    box.appendChild(el("p", null, "You changed this tool in another tab or window while editing it here. Which answers do you want to keep?"));
    box.appendChild(TK.button("Keep what is on this page", function () {
      busy.forEach(function (k) { t.set(k, mine[k] || null); });
      t.load();
      box.remove();
    }));
    box.appendChild(TK.button("Use the other tab's answers", function () { t.load(); box.remove(); }));
  };

  // ---- start-up (with or without Material's instant navigation)
  function init() {
    ctls = ctls.filter(function (t) { return document.documentElement.contains(t.root); });
    document.querySelectorAll(".tk-tool[data-tool]").forEach(function (root) {
      // A print pack's tools are a document to print: left as they are (toolkit/bundle.py).
      if (root.classList.contains("tk-js") || root.closest(".tk-pack") || !TK.kinds[root.getAttribute("data-kind")]) return;
      try { new Tool(root); } catch (e) { if (window.console) console.error(e); }
    });
  }
  TK.init = init;
  window.addEventListener("storage", function (e) {
    if (!ls) return;
    if (wanted() !== saving && problem !== "full") {
      if (saving) toMemory(); else saving = true;
      refresh();
    }
    if (saving) ctls.forEach(function (t) { if (e.key === null || e.key === PREFIX + t.id) t.sync(); });
  });
  function start() {
    TK.started = true; // kind scripts loaded later (instant navigation) call TK.init themselves
    if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
    else init();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else setTimeout(start, 0);
})();
