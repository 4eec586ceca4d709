/* The SCORM 1.2 side of a learning-path package (toolkit/engine/scorm.py writes launch.html).
 *
 * The launch page shows the toolkit in a frame. This script finds the learning platform's SCORM
 * 1.2 run-time (an object named API on a parent or opener window), starts the session (status
 * "incomplete" on a first visit), and tells the platform that the path is complete when the
 * learner reaches its last step. It sends nothing else: no score, no time, no answers. What learners type stays in their browser, as everywhere
 * in the toolkit. Opened outside a learning platform, it does nothing and the toolkit works as usual.
 */
(function () {
  "use strict";

  var api = null;
  var started = false;
  var finished = false;
  var completed = false;

  /* The standard SCORM 1.2 search: this window and its parents, then the opener's. */
  function search(win) {
    for (var tries = 0; win && tries < 10; tries += 1) {
      try {
        if (win.API) { return win.API; }
      } catch (e) {
        return null; /* a window of another origin: no API can be reached there */
      }
      if (!win.parent || win.parent === win) { break; }
      win = win.parent;
    }
    return null;
  }

  function findAPI() {
    var found = search(window);
    if (!found && window.opener) { found = search(window.opener); }
    if (!found && window.top && window.top.opener) { found = search(window.top.opener); }
    return found;
  }

  function call(name, a, b) {
    try {
      return String(b === undefined ? api[name](a) : api[name](a, b));
    } catch (e) {
      return "false";
    }
  }

  function start() {
    api = findAPI();
    if (!api) { return; }
    started = call("LMSInitialize", "") === "true";
    if (!started) { return; }
    var status = call("LMSGetValue", "cmi.core.lesson_status");
    completed = status === "completed" || status === "passed";
    if (status === "not attempted" || status === "") {
      /* Started, not finished: without this, SCORM 1.2 lets a platform mark a SCO that never set
         a status as completed when it closes, so a learner who leaves early would pass. */
      call("LMSSetValue", "cmi.core.lesson_status", "incomplete");
      call("LMSCommit", "");
    }
  }

  function complete() {
    if (!started || finished || completed) { return; }
    completed = true;
    call("LMSSetValue", "cmi.core.lesson_status", "completed");
    call("LMSCommit", "");
  }

  function finish() {
    if (!started || finished) { return; }
    finished = true;
    call("LMSFinish", "");
  }

  var frame = document.getElementById("tk-sco-frame");
  if (!frame) { return; }
  var end = new URL(frame.getAttribute("data-end"), document.baseURI).pathname;

  function atEnd() {
    try {
      return frame.contentWindow.location.pathname === end;
    } catch (e) {
      return false; /* the learner followed a link out of the package */
    }
  }

  start();
  frame.addEventListener("load", function () {
    if (atEnd()) { complete(); }
    try { /* the page in the frame names the window, as it would on its own */
      document.title = frame.contentDocument.title || document.title;
    } catch (e) { /* another origin */ }
  });
  if (atEnd()) { complete(); }
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
}());
