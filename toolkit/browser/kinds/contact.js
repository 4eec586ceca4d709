/* Templates that will be shared (contact_warning): a warning, never a block, when an answer
   looks like a phone number, email or home address. Loaded by template.js with the first answer
   to check. */
(function () {
  "use strict";
  var TK = window.TK, warnings = {};
  if (TK.contactCheck) return;
  var CONTACT = [
    ["an email address", /[^\s@<>]{1,64}@[^\s@<>.]{1,63}\.[^\s@<>]{2,}/],
    ["a phone number", /(?:\+\s*\d{1,3}|\b0)[\s().-]*\d(?:[\s().-]*\d){8,}/],
    ["a home address or postcode", /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[ABD-HJLNP-UW-Z]{2}\b|\b\d+[a-z]?,?\s+(?:[A-Za-z'-]+\s+){1,3}(?:road|street|avenue|lane|close|drive|crescent|grove|terrace|gardens|court|rd|st|ave)\b/i]
  ];
  /** Return what kinds of contact details a text seems to hold (empty when none). */
  TK.contactKinds = function (text) {
    return CONTACT.filter(function (c) { return c[1].test(text); }).map(function (c) { return c[0]; });
  };

  /** Show, update or hide the warning under one answer box. */
  TK.contactCheck = function (box) {
    var w = warnings[box.id];
    if (!w) {
      w = warnings[box.id] = TK.el("p", "tk-warning");
      w.id = box.id + "-warning";
      w.setAttribute("aria-live", "polite");
      box.parentNode.insertBefore(w, box.nextSibling);
      box.setAttribute("aria-describedby", ((box.getAttribute("aria-describedby") || "") + " " + w.id).trim());
    }
    var found = TK.contactKinds(box.value);
    w.textContent = found.length ? "This looks like " + found.join(" and ") + ". You can keep it, but this document is " +
      "meant to be shared: think twice before including your own phone number, email or home address." : "";
    w.hidden = !found.length;
  };
})();
