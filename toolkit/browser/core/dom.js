/* Core, part 2: DOM helpers the kind scripts use too (TK.el, TK.button, TK.labelled, TK.input,
   TK.live, TK.txt, TK.download, TK.readFile, TK.print). Adds the local `el`. */
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
