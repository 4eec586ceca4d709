/* Tool finder: filters the list of tools by audience, kind, paper, time and text.
   Progressive enhancement: without JavaScript the page is a plain grouped list.
   The filter state lives in the URL query (?audience=a,b&kind=x&q=word) so a course can link to it. */
(function () {
  "use strict";
  var TK = (window.TK = window.TK || {});
  if (TK.finder) return; // run again by instant navigation: already listening for new pages
  TK.finder = true;
  var FACETS = ["audience", "kind", "paper", "time"];

  function itemValues(item, facet) {
    return (item.getAttribute("data-" + facet) || "").split(" ").filter(Boolean);
  }

  function readState() {
    var params = new URLSearchParams(window.location.search);
    var state = { q: params.get("q") || "" };
    FACETS.forEach(function (f) {
      state[f] = (params.get(f) || "").split(",").filter(Boolean);
    });
    return state;
  }

  function writeState(state) {
    var params = new URLSearchParams();
    FACETS.forEach(function (f) { if (state[f].length) params.set(f, state[f].join(",")); });
    if (state.q) params.set("q", state.q);
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    try { window.history.replaceState(null, "", url); } catch (e) { /* file:// in some browsers */ }
  }

  function matches(item, state, skip) {
    for (var i = 0; i < FACETS.length; i++) {
      var f = FACETS[i];
      if (f === skip || !state[f].length) continue;
      var values = itemValues(item, f);
      if (!state[f].some(function (v) { return values.indexOf(v) !== -1; })) return false;
    }
    if (state.q) {
      var text = item.textContent.toLowerCase();
      var words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
      if (!words.every(function (w) { return text.indexOf(w) !== -1; })) return false;
    }
    return true;
  }

  function init(form) {
    if (form.getAttribute("data-ready")) return;
    form.setAttribute("data-ready", "true");
    var items = Array.prototype.slice.call(document.querySelectorAll(".tk-finder-item"));
    var groups = Array.prototype.slice.call(document.querySelectorAll(".tk-finder-group"));
    var status = form.querySelector(".tk-finder-status");
    var search = form.querySelector("input[type=search]");

    function current() {
      var state = { q: search.value.trim() };
      FACETS.forEach(function (f) {
        state[f] = Array.prototype.slice.call(form.querySelectorAll("input[name=" + f + "]:checked"))
          .map(function (box) { return box.value; });
      });
      return state;
    }

    // Made for a chosen role (its first-listed audience) first, then shorter first; else as written.
    items.forEach(function (item, i) { item.tkOrder = i; });
    function reorder(state) {
      groups.forEach(function (group) {
        var own = items.filter(function (item) { return item.parentNode === group; });
        own.sort(function (a, b) {
          if (!state.audience.length) return a.tkOrder - b.tkOrder;
          var fa = state.audience.indexOf(a.getAttribute("data-for")) === -1 ? 1 : 0;
          var fb = state.audience.indexOf(b.getAttribute("data-for")) === -1 ? 1 : 0;
          return fa - fb || (+a.getAttribute("data-minutes")) - (+b.getAttribute("data-minutes")) || a.tkOrder - b.tkOrder;
        });
        own.forEach(function (item) { group.appendChild(item); });
      });
    }

    function apply(state) {
      var shown = 0;
      reorder(state);
      items.forEach(function (item) {
        var ok = matches(item, state, null);
        item.hidden = !ok;
        if (ok) shown++;
      });
      groups.forEach(function (group) {
        var any = group.querySelector(".tk-finder-item:not([hidden])") !== null;
        group.hidden = !any;
        var heading = group.previousElementSibling;
        if (heading && /^H[1-6]$/.test(heading.tagName)) heading.hidden = !any;
      });
      form.querySelectorAll(".tk-finder-count").forEach(function (span) {
        var parts = span.getAttribute("data-count-for").split(":");
        var n = items.filter(function (item) {
          return matches(item, state, parts[0]) && itemValues(item, parts[0]).indexOf(parts[1]) !== -1;
        }).length;
        span.textContent = "(" + n + ")";
      });
      status.textContent = shown === items.length
        ? "Showing all " + items.length + " tools."
        : "Showing " + shown + " of " + items.length + " tools.";
      writeState(state);
    }

    var initial = readState();
    search.value = initial.q;
    FACETS.forEach(function (f) {
      form.querySelectorAll("input[name=" + f + "]").forEach(function (box) {
        box.checked = initial[f].indexOf(box.value) !== -1;
      });
    });
    form.addEventListener("input", function () { apply(current()); });
    form.addEventListener("change", function () { apply(current()); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(function () { apply(current()); }, 0); });
    // One "Filters" button on phones; open on wider screens, or when the address sets a filter.
    var filters = form.querySelector("[data-finder-filters]");
    if (filters && (window.matchMedia("(min-width: 45em)").matches ||
        FACETS.some(function (f) { return initial[f].length; }))) filters.open = true;
    form.hidden = false;
    apply(current());
  }

  function start() {
    document.querySelectorAll("form[data-finder]").forEach(init);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
