/* Core, part 5: the saving notice and the "Download, export, import or clear" controls each tool
   gets (in its "Print and save" disclosure). Adds makeBar, notice, warn, reveal, say, refresh,
   setSaving, full, reloadAll. */
function full() {
  problem = "full";
  refresh();
  ctls.forEach(function (t) { warn(t.bar, notice()); t.bar.querySelector("details").open = true; reveal(t.bar); });
}
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
