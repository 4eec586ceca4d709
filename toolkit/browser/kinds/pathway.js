/* Career pathway: choosing a stage on the map (a link to its heading) opens that stage's
   details and marks it on the map. Without this script the links still jump to each stage and
   the details open by hand. A pathway has nothing to fill in, so it is not a TK.kind tool. */
(function () {
  "use strict";
  function show() {
    var id = decodeURIComponent(window.location.hash.slice(1)), map = document.querySelector(".tk-map");
    if (!map) return;
    var stage = id && document.getElementById(id);
    // The stage's text follows its heading (after any button the page put beside the heading).
    while (stage && !stage.classList.contains("tk-stage")) {
      stage = stage.nextElementSibling;
      if (stage && /^H[1-6]$/.test(stage.tagName)) stage = null;
    }
    map.querySelectorAll("[aria-current]").forEach(function (a) { a.removeAttribute("aria-current"); });
    if (!stage) return;
    var details = stage.querySelector("details");
    if (details) details.open = true;
    var link = map.querySelector('[data-stage-link="' + stage.getAttribute("data-stage") + '"]');
    if (link) link.setAttribute("aria-current", "location");
  }
  if (window.TK && window.TK.pathway) return; // run again by instant navigation
  (window.TK = window.TK || {}).pathway = show;
  window.addEventListener("hashchange", show);
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest('.tk-map a, .tk-routes a');
    if (a) setTimeout(show, 0);
  });
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(show);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
  else show();
})();
