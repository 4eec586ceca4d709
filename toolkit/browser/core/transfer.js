/* Core, part 3: export and import files. Adds TK.parse (team view uses it too), TK.describe,
   bundle (an export file's text), importFile, canon, countTools. Uses ask, warn, say (bar.js, ask.js). */
/** Items as text that does not depend on the order of their keys (to compare a file with storage). */
function canon(items) {
  return JSON.stringify(Object.keys(items).sort().map(function (k) {
    return [k].concat(Object.keys(FIELDS).map(function (f) { return items[k][f]; }));
  }));
}
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
/** A stored answer in words (orphans, plain-text export). */
TK.describe = function (d) {
  return [d.checked && "Ticked", d.status && "Status: " + (TK.STATUS[d.status] || d.status), d.text,
    d.note && "Note: " + d.note].filter(Boolean).join("\n");
};
