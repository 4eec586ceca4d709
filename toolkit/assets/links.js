/* "Copy link" beside every section heading and tool item: progressive enhancement.
 * Without JavaScript the heading's ¶ permalink and the links page still give every address.
 * Nothing is sent anywhere: the link goes to the clipboard, or is shown to copy by hand. */
(function () {
  "use strict";

  var TARGETS = [
    ".md-content h2[id]", ".md-content h3[id]", ".md-content h4[id]",
    ".md-content [data-item][id]", ".md-content .tk-flow-question[id]",
    ".md-content .tk-outcome[id]", ".md-content .tk-path-step[id]"
  ].join(",");

  function linkTo(id) {
    return location.href.split("#")[0] + "#" + id;
  }

  function announce(button, text) {
    var status = button.parentNode.querySelector(".tk-copy-status");
    if (!status) {
      status = document.createElement("span");
      status.className = "tk-copy-status";
      status.setAttribute("role", "status");
      button.insertAdjacentElement("afterend", status);
    }
    status.textContent = text;
    window.setTimeout(function () { status.textContent = ""; }, 4000);
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  function copy(button, id) {
    var url = linkTo(id);
    var done = function () { announce(button, "Link copied"); };
    var manual = function () {
      if (fallbackCopy(url)) { done(); } else { window.prompt("Copy this link:", url); }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(done, manual);
    } else {
      manual();
    }
  }

  function label(el) {
    var text = (el.querySelector("label, .tk-flow-text, .tk-outcome-title, .tk-question-text") || el).textContent;
    return text.replace(/\s+/g, " ").replace("¶", "").trim().slice(0, 80);
  }

  function enhance(root) {
    var els = root.querySelectorAll(TARGETS);
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      var heading = /^H[1-6]$/.test(el.tagName);
      var next = el.nextElementSibling;
      if (el.querySelector(":scope > .tk-copy-link") || (heading && next && next.classList.contains("tk-copy-link")) ||
          el.closest(".tk-links-directory-list")) { continue; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "tk-copy-link";
      button.textContent = "Copy link";
      /* No aria-label naming the item: the button sits inside it, and the item's own
         label must stay the only control named by the item's text. */
      button.title = "Copy a link to: " + label(el);
      button.setAttribute("data-target", el.id);
      button.addEventListener("click", function (event) {
        event.preventDefault();
        copy(event.currentTarget, event.currentTarget.getAttribute("data-target"));
      });
      if (heading) {
        /* After the heading, not inside it: the heading's name stays its own text. */
        button.classList.add("tk-copy-link--heading");
        el.insertAdjacentElement("afterend", button);
      } else {
        el.appendChild(button);
      }
    }
  }

  function start() { enhance(document); }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);   /* Material's instant navigation, when enabled */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
