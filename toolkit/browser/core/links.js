// Copy link on headings and tool items; without JS, permalinks and the Stable links page remain.
// An item's button sits in space kept free for it (links.css): it never covers the item's text.
(function () {
  "use strict";
  // Which elements get a button; links.css keeps their room under the same selectors.
  var ITEM = "[data-item],.tk-flow-question,.tk-outcome,.tk-path-step", SEL = "h2[id],h3[id],h4[id]," + ITEM.replace(/,|$/g, "[id]$&");

  function say(b) {
    var was = [].slice.call(b.childNodes);
    b.textContent = "Copied";
    setTimeout(function () { b.replaceChildren.apply(b, was); }, 4000);
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
    var done = function () { say(button); };
    var other = function () { if (byHand(url)) { done(); } else { prompt("Copy this link:", url); } };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(done, other);
    } else {
      other();
    }
  }

  // An address naming a part of a question opens with the whole question in view (links.css marks
  // the part); after the browser's own jump, which comes once the page has loaded.
  function show() {
    var el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    el = el && el.parentElement.closest(ITEM);
    if (el) el.scrollIntoView();
  }

  function start() {
    var els = document.querySelectorAll(SEL);
    for (var i = 0; i < els.length; i++) {
      var el = els[i], heading = /^H\d$/.test(el.tagName), next = el.nextElementSibling;
      // One button an item: a question's parts keep their anchors but not a button of their own.
      if (!el.closest(".md-content") || el.closest(".tk-links-directory-list") || el.querySelector(":scope>.tk-copy-link") ||
          (heading ? next && next.classList.contains("tk-copy-link") : el.parentElement.closest(ITEM))) { continue; }
      var b = document.createElement("button");
      b.type = "button";
      b.className = "tk-copy-link";
      b.setAttribute("aria-live", "polite");
      b.setAttribute("data-target", el.id);
      b.addEventListener("click", function (e) { e.preventDefault(); copy(e.currentTarget); });
      if (heading) {
        // After the heading: it keeps its own accessible name.
        b.textContent = "Copy link";
        b.className += " tk-copy-link--heading";
        el.insertAdjacentElement("afterend", b);
      } else {
        b.replaceChildren(TK.el("span", "tk-sr", "Copy a "), "Link", TK.el("span", "tk-sr", " to this item"));
        el.classList.add("tk-linked");
        el.appendChild(b);
      }
    }
  }

  window.addEventListener("hashchange", show);
  window.addEventListener("load", show);
  // A glossary term in a label: a click or tap shows its definition (theme.css, on focus) and is
  // not passed on to the label's answer box, which would take the focus (and open a phone's keyboard).
  document.addEventListener("click", function (e) {
    var t = e.target.closest("label abbr[tabindex]");
    if (t) { e.preventDefault(); t.focus(); }
  });
  // Material's instant navigation swaps the page without running this file again: document$
  // announces each new page (start() skips what already has a button).
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(start); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
