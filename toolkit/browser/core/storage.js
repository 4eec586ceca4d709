/* Core, part 1 of 7 (bundle.py joins core/storage.js .. core/registry.js, in that order, inside
   one function, so these parts share their local names; each part says what it adds).
   Storage: keeps answers on this device, keyed by tool id and item id (never position). User text
   only ever reaches the page through textContent or .value; nothing is sent anywhere.
   Stored format (README "Stored answers"; toolkit/schema/answers.schema.json): one record per
   tool under tk:tool:<id>; `format` is its format version (none = 1). UP[n] upgrades format n
   to n+1: never change a shipped step, add one, and add a fixture to tests/fixtures/stored.
   Adds: TK.read(id), TK.STATUS; write, raw, put, all, upgrade, lsKeys, toMemory, wanted and the
   state (ls, mem, saving, problem, ctls: the tools on the page). Uses full() (bar.js). */
var TK = (window.TK = window.TK || {});
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
