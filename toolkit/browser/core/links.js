// Copy link on headings and tool items; without JS, permalinks and the Stable links page remain.
(function () {
  "use strict";
  var SEL = "h2[id],h3[id],h4[id],[data-item][id],.tk-flow-question[id],.tk-outcome[id],.tk-path-step[id]";

  function say(b, text) {
    b.textContent = text;
    setTimeout(function () { b.textContent = "Copy link"; }, 4000);
  }

  function byHand(url) {
    var t = document.createElement("textarea"), ok = false;
    t.value = url;
    t.style.cssText = "position:fixed;opacity:0";
    document.body.appendChild(t);
    t.select();
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(t);
    return ok;
  }

  function copy(button) {
    var url = location.href.split("#")[0] + "#" + button.getAttribute("data-target");
    var done = function () { say(button, "Link copied"); };
    var other = function () { if (byHand(url)) { done(); } else { prompt("Copy this link:", url); } };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(done, other);
    } else {
      other();
    }
  }

  function start() {
    var els = document.querySelectorAll(SEL);
    for (var i = 0; i < els.length; i++) {
      var el = els[i], heading = /^H\d$/.test(el.tagName), next = el.nextElementSibling;
      if (!el.closest(".md-content") || el.closest(".tk-links-directory-list") || el.querySelector(":scope>.tk-copy-link") ||
          (heading && next && next.classList.contains("tk-copy-link"))) { continue; }
      var b = document.createElement("button");
      b.type = "button";
      b.className = "tk-copy-link";
      b.textContent = "Copy link";
      b.setAttribute("aria-live", "polite");
      // No aria-label, and after headings: targets keep their own accessible names.
      b.title = "Copy a link to this " + (heading ? "section" : "item");
      b.setAttribute("data-target", el.id);
      b.addEventListener("click", function (e) { e.preventDefault(); copy(e.currentTarget); });
      if (heading) {
        b.className += " tk-copy-link--heading";
        el.insertAdjacentElement("afterend", b);
      } else {
        el.appendChild(b);
      }
    }
  }

  // Material's instant navigation swaps the page without running this file again: document$
  // announces each new page (start() skips what already has a button).
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(start); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
