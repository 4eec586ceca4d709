/* Typed questions find things (loaded by the theme's inline script when search is first opened).

   Material searches every query word as a prefix ("in" as in*), so short words such as "I", "in"
   and "it" matched hundreds of words and crowded out the page asked for. This rewrites each query
   Material sends to its search worker: it drops English stop words (a subset of Lunr's list, so
   none of them is ever in the index: only their prefix matches are lost) unless nothing else is
   left, and weights a whole word above the words it begins ("plan^2 plan", then Material adds the *
   to the second), so "plan" outranks "planning". Quoted parts and words with modifiers, hyphens or
   other signs pass unchanged to Material's own query transform, which runs next in the worker.
   It wraps Worker.prototype.postMessage, so it works whenever it loads (the file:// shim's worker
   too); window.tkSearchQuery is the rewrite, for tests. */
(function () {
  var STOP = {};
  ("a about after all am an and any are as at be been but by can could did do does for from get " +
    "had has have how i if in into is it its me my no not of on or our should so some than that " +
    "the their them then there these they this to us was we were what when where which who why " +
    "will with would you your").split(" ").forEach(function (w) { STOP[w] = 1; });

  function rewrite(query) {
    var out = [];
    String(query).split(/("[^"]*")/).forEach(function (part, i) {
      if (i % 2) { out.push(part); return; } // a quoted part, as typed
      part.split(/\s+/).forEach(function (word) {
        var bare = word.replace(/[?!.,;]+$/, "");
        if (!bare || STOP[bare.toLowerCase()]) return;
        out.push(/^[A-Za-z0-9]+$/.test(bare) ? bare + "^2 " + bare : word);
      });
    });
    return out.length ? out.join(" ") : query;
  }
  window.tkSearchQuery = rewrite;

  var proto = window.Worker && window.Worker.prototype;
  var send = proto && proto.postMessage;
  if (!send || send.tkSearch) return;
  proto.postMessage = function (data) {
    if (data && data.type === 2 && typeof data.data === "string") { // Material's "query" message
      arguments[0] = { type: 2, data: rewrite(data.data) };
    }
    return send.apply(this, arguments);
  };
  proto.postMessage.tkSearch = true;
})();
