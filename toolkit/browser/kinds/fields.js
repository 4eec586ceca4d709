/* Answer boxes (reflection questions and template fields): save as you type, grow with the
   text, print blank or with answers. Reflection sheets are just these boxes. */
(function () {
  "use strict";
  var TK = window.TK;
  if (TK.fields) return; // run again by instant navigation

  function grow(box) {
    if (box.tagName !== "TEXTAREA") return;
    box.style.height = "auto";
    box.style.height = box.scrollHeight + 4 + "px";
  }

  /** Wire every .tk-answer box in a tool; onChange(id) runs after each change and each load. */
  TK.fields = function (t, onChange) {
    var boxes = {}, change = onChange || function () {};
    t.root.querySelectorAll(".tk-answer").forEach(function (box) {
      var holder = box.closest("[data-item]"), id = holder.getAttribute("data-item");
      var q = holder.parentNode.closest("[data-item]");
      var label = TK.txt(t.root.querySelector('label[for="' + box.id + '"]'));
      t.items[id] = q ? TK.txt(q.querySelector(".tk-question-text")) + " \u2014 " + label : label;
      box.dir = "auto";
      boxes[id] = box;
      box.addEventListener("input", function () {
        grow(box);
        t.set(id, box.value ? { text: box.value } : null);
        change(id);
      });
    });
    window.addEventListener("resize", function () { Object.keys(boxes).forEach(function (id) { grow(boxes[id]); }); });
    // Printing (blank or with answers) goes through the print views: the links in .tk-print-actions.
    return {
      boxes: boxes,
      show: function (items) {
        Object.keys(boxes).forEach(function (id) {
          var v = (items[id] && items[id].text) || "";
          if (boxes[id].value !== v) boxes[id].value = v;
          grow(boxes[id]);
          change(id);
        });
      },
      busy: function (id) { return !!boxes[id] && document.activeElement === boxes[id]; },
      text: function (md) {
        var out = [];
        t.walk(function (title) { out.push("", (md ? "## " : "") + title, ""); }, function (id, node) {
          if (!boxes[id]) {
            var qt = node.querySelector(".tk-question-text");
            if (qt) out.push((md ? "### " : "") + TK.txt(qt), "");
            return;
          }
          var label = TK.txt(t.root.querySelector('label[for="' + boxes[id].id + '"]'));
          out.push(md ? "**" + label + "**" : label, "", boxes[id].value || (md ? "_(no answer)_" : "(no answer)"), "");
        });
        return out;
      }
    };
  };

  TK.kind("reflection", function (t) { return TK.fields(t); });
})();
