/* Core, part 7: the kind registrar and start-up (with or without Material's instant navigation).

   A kind script (toolkit/browser/kinds/<kind>.js; CONTRIBUTING.md "Adding a kind of tool") makes
   one call, after toolkit.js has run (it loads with `defer`):

     TK.kind("checklist", function (t) { ...; return { show: ..., busy: ..., text: ... }; });

   The function is called once for each `.tk-tool[data-kind="checklist"]` on the page (never for
   the tools inside a print pack) and receives `t`, the tool (tool.js):
     t.root     the tool's element (its markup is the kind's template, toolkit/templates/tools/)
     t.id, t.kind, t.version, t.title    from the page
     t.items    {} to fill, before returning: item id -> the item's words, in page order. Only
                these ids are the tool's own; a stored answer under any other id is shown under
                "Answers to items no longer in this tool" (and kept until the user deletes it).
     t.set(id, data)   save one item's answer (an object of answers.py `Answer` fields, or null
                when empty): call it on every change ("collect"); t.setAll(items) replaces all.
     t.walk(onSection, onItem)   the tool's headings and [data-item] elements in page order.
     t.rec      the stored record ({items: {id: data}}) as last shown.
   It returns the view:
     show(items)  restore: put these saved answers into the controls. Called at start, after a
                  clear or an import (with the new answers, {} when cleared) and when another tab
                  changed the tool; anything derived (a checklist's progress) is updated here.
     busy(id)     true while the user is typing in item `id` (another tab's change then asks first).
     text(md)     the answers as lines of Markdown (md) or plain text, for the downloads.
   Optional: an element with class tk-progress inside t.bar stays in view under the tool's head.
   TK.kind returns false when the kind is already registered (the script run again by instant
   navigation): module-level set-up (listeners) belongs after a true return. */
var kinds = {};
TK.kind = function (name, make) {
  if (kinds[name]) return false;
  kinds[name] = make;
  if (TK.started) init(); // loaded by instant navigation after the new page was announced
  return true;
};
function init() {
  ctls = ctls.filter(function (t) { return document.documentElement.contains(t.root); });
  document.querySelectorAll(".tk-tool[data-tool]").forEach(function (root) {
    var make = kinds[root.getAttribute("data-kind")];
    // A print pack's tools are a document to print: left as they are (toolkit/bundle.py).
    if (root.classList.contains("tk-js") || root.closest(".tk-pack") || !make) return;
    try { new Tool(root, make); } catch (e) { if (window.console) console.error(e); }
  });
}
window.addEventListener("storage", function (e) {
  if (!ls) return;
  if (wanted() !== saving && problem !== "full") {
    if (saving) toMemory(); else saving = true;
    refresh();
  }
  if (saving) ctls.forEach(function (t) { if (e.key === null || e.key === PREFIX + t.id) t.sync(); });
});
function start() {
  TK.started = true; // kind scripts loaded later (instant navigation) start their tools through TK.kind
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else init();
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else setTimeout(start, 0);
