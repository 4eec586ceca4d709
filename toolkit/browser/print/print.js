/* Print views of the toolkit's tools, kept apart from the layer that saves answers.
 *
 * DOM contract (README "Print views"):
 * - A print view is a tool (or pack) page opened with `?print=blank` or `?print=answers`.
 *   This script marks <html> with tk-print-view and tk-print-blank / tk-print-answers, and puts a
 *   bar on top with a Print button. It never opens the print dialog by itself. tk-print-blank on
 *   <html> (also set by the core's "Print blank") always means: print no answers.
 * - Answers are the current values of the form controls inside `.tk-tool` (textarea.tk-answer,
 *   input.tk-answer, input.tk-check). Whatever restores saved answers sets those values and then
 *   fires `document.dispatchEvent(new CustomEvent("toolkit:answers-restored"))` (core/tool.js does).
 * - Each answer box gets a `.tk-write` copy after it; print.css prints that copy (ruled lines,
 *   the answer as text) instead of the box. In blank mode the copies stay empty and ticks are hidden.
 */
(function () {
  "use strict";
  var TK = (window.TK = window.TK || {});
  if (TK.printView) return; // run again by Material's instant navigation: start() follows new pages
  TK.printView = true;
  var root = document.documentElement, mode = null;

  function setMode() {
    mode = new URLSearchParams(window.location.search).get("print");
    if (mode !== "blank" && mode !== "answers") mode = null;
    root.classList.toggle("tk-print-view", !!mode);
    root.classList.toggle("tk-print-blank", mode === "blank");
    root.classList.toggle("tk-print-answers", mode === "answers");
  }
  setMode();

  function copyOf(box) {
    var copy = box.nextElementSibling;
    if (!copy || !copy.classList.contains("tk-write")) {
      copy = document.createElement("div");
      copy.className = "tk-write";
      copy.setAttribute("aria-hidden", "true");
      copy.setAttribute("data-rows", box.tagName === "INPUT" ? "1" : box.getAttribute("rows") || "5");
      box.parentNode.insertBefore(copy, box.nextSibling);
    }
    return copy;
  }

  function syncOne(box) {
    copyOf(box).textContent = root.classList.contains("tk-print-blank") ? "" : box.value;
  }

  function sync() {
    document.querySelectorAll(".tk-tool .tk-answer").forEach(syncOne);
  }

  function showAddresses() {
    document.querySelectorAll(".md-content a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (!href || href.charAt(0) === "#" || /^[a-z]+:/i.test(href) || a.closest(".tk-print-bar")) return;
      if (a.pathname === window.location.pathname) return;
      a.setAttribute("data-print-href", a.href);
    });
    if (/^https?:$/.test(window.location.protocol)) {
      document.querySelectorAll(".tk-print-url").forEach(function (el) {
        el.textContent = window.location.origin + window.location.pathname;
      });
    }
  }

  function addBar() {
    var article = document.querySelector(".md-content__inner") || document.body;
    var bar = document.createElement("div");
    bar.className = "tk-print-bar";
    var note = document.createElement("p");
    note.textContent = mode === "blank"
      ? "Print view: empty boxes to fill in by hand."
      : "Print view: with the answers saved on this device.";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button md-button--primary";
    button.textContent = "Print";
    button.addEventListener("click", function () { window.print(); });
    var back = document.createElement("a");
    back.className = "md-button";
    back.href = window.location.pathname;
    back.target = "_self"; // a full load: instant navigation would keep this view (same path)
    back.textContent = "Back to the page";
    bar.append(note, button, back);
    article.insertBefore(bar, article.firstChild);
  }

  var opened = [];
  window.addEventListener("beforeprint", function () {
    sync();
    // Collapsed content prints open; a checklist's note boxes (.tk-note) and menus stay as they are.
    document.querySelectorAll(".md-content details:not([open]):not(.tk-note):not(.tk-actions)").forEach(function (d) {
      d.open = true;
      opened.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
  document.addEventListener("toolkit:answers-restored", sync);
  ["input", "change"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var box = event.target;
      if (box && box.classList && box.classList.contains("tk-answer")) syncOne(box);
    });
  });

  function start() {
    setMode();
    document.querySelectorAll(".tk-print-actions .tk-needs-js[hidden]").forEach(function (el) { el.hidden = false; });
    sync();
    showAddresses();
    if (mode && !document.querySelector(".tk-print-bar")) addBar();
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
