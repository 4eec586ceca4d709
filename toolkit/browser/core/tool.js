/* Core, part 6: one tool on the page (Tool): what a kind script receives as `t` (the contract is
   at TK.kind, registry.js). Loads, saves, shows answers to removed items, exports text, and
   follows other tabs.
   A tool that replaces others (its YAML's `moved_from`, the page's data-moved-from) takes their
   answers over when it loads: each moves into its record under the same item id (a renamed
   tool's answers come back in place; a merged tool's show as answers to items no longer in this
   tool, with their wording) and leaves the old record, which is removed once empty. An answer
   whose item id this tool has already answered stays in the old record. Adds Tool, same. */
function same(a, b) { return JSON.stringify(a || null) === JSON.stringify(b || null); }
// ---- one tool on the page
function Tool(root, make) {
  // The bar goes in the tool's "Print and save" disclosure (its own page) or, embedded, under its head.
  var t = this, place = root.querySelector(".tk-print-save") || root.querySelector(".tk-head");
  t.root = root;
  t.id = root.getAttribute("data-tool");
  t.kind = root.getAttribute("data-kind");
  t.version = Number(root.getAttribute("data-version")) || 1;
  t.title = TK.txt(document.getElementById(t.id)) || t.id;
  t.items = {}; // item id -> label, in page order; the kind fills it
  t.before = (root.getAttribute("data-moved-from") || "").split(" ").filter(Boolean); // ids it replaces
  root.classList.add("tk-js");
  t.bar = makeBar(t);
  if (place && place.tagName === "DETAILS") place.appendChild(t.bar);
  else root.insertBefore(t.bar, place ? place.nextSibling : root.firstChild);
  t.orphans = el("section", "tk-orphans");
  root.appendChild(t.orphans);
  t.view = make(t);
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
  var t = this, rec = (t.rec = t.fresh());
  t.before.forEach(function (id) {
    var old = TK.read(id), n = 0;
    if (!old || old.format > FMT || rec.format > FMT) return;
    Object.keys(old.items).forEach(function (k) {
      if (k in rec.items) return;
      rec.items[k] = old.items[k];
      n = delete old.items[k];
    });
    if (!n) return;
    t.commit(rec); // first: should this fail, the answers are in both records, never in neither
    put(id, old);
  });
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
