/* Decision flows: one question at a time, with back, change answer and start again; the outcome
   shows the path taken. The state lives in the URL fragment:
     #TOOL--NODE                 opens a question or outcome
     #TOOL--NODE/Q.A/Q.A         the same, with the answers that led there
   With JavaScript off the numbered tree in the page is the flow. */
(function () {
  "use strict";
  var TK = window.TK;
  var el = function (a, b, c) { return TK.el(a, b, c); };
  var flows = [];

  var fresh = TK.kind("flow", function (t) {
    var tree = t.root.querySelector(".tk-flow"), start = tree.getAttribute("data-start"), nodes = {};
    t.root.querySelectorAll(".tk-flow-question[data-node]").forEach(function (q) {
      var id = q.getAttribute("data-node"), answers = {};
      q.querySelectorAll("[data-answer]").forEach(function (a) {
        // Sentence case on buttons: the page's "If <strong>yes</strong>, ..." reads "Yes" there.
        var label = TK.txt(a.querySelector("strong"));
        answers[a.getAttribute("data-answer")] = { next: a.getAttribute("data-next"), label: label.charAt(0).toUpperCase() + label.slice(1) };
      });
      nodes[id] = { q: q, number: q.getAttribute("value"), text: TK.txt(q.querySelector(".tk-flow-text")), answers: answers };
      t.items[id] = nodes[id].text;
    });
    t.root.querySelectorAll(".tk-outcome[data-node]").forEach(function (o) {
      nodes[o.getAttribute("data-node")] = { outcome: o, text: TK.txt(o.querySelector(".tk-outcome-title")) };
    });
    var outHead = document.getElementById(t.id + "--outcomes");
    if (outHead) outHead.classList.add("tk-flow-outcomes-heading");

    var app = el("div", "tk-flow-app"), step = el("p", "tk-flow-step"), body = el("div", "tk-flow-body");
    var choices = el("div", "tk-flow-choices"), nav = el("div", "tk-buttons"), trail = el("div", "tk-flow-path");
    var live = TK.live(), path = [], node = start, memo = {};
    step.tabIndex = -1;
    step.id = t.id + "--step";
    // The answers are a group named by the step and its question ("Question 2: Who would ...").
    choices.setAttribute("role", "group");
    choices.setAttribute("aria-labelledby", step.id + " " + t.id + "--asked");
    var back = TK.button("Back", function () { go(path.slice(0, -1), path.length ? path[path.length - 1][0] : start, true); });
    var again = TK.button("Start again", function () { go([], start, true); });
    var whole = TK.button("Show the whole flow", function () {
      var on = t.root.classList.toggle("tk-flow-all");
      whole.setAttribute("aria-expanded", String(on));
    });
    whole.setAttribute("aria-expanded", "false");
    [back, again, whole].forEach(function (b) { nav.appendChild(b); });
    [step, body, choices, trail, nav, live].forEach(function (n) { app.appendChild(n); });
    tree.parentNode.insertBefore(app, tree);

    /** Follow answers from the start; return the valid prefix as [[question, answer], ...]. */
    function walk(pairs) {
      var at = start, ok = [];
      for (var i = 0; i < pairs.length; i++) {
        var n = nodes[at], q = pairs[i][0], a = pairs[i][1];
        if (q !== at || !n || !n.answers || !n.answers[a]) break;
        ok.push([q, a]);
        at = n.answers[a].next;
      }
      return { path: ok, node: at };
    }
    function fromFragment() {
      var h = decodeURIComponent(location.hash.slice(1)), pre = t.id + "--";
      if (h.indexOf(pre) !== 0) return null;
      var parts = h.slice(pre.length).split("/"), target = parts[0];
      if (!nodes[target]) return null;
      var w = walk(parts.slice(1).map(function (p) { return p.split("."); }));
      return w.node === target && w.path.length === parts.length - 1 ? w : { path: [], node: target };
    }
    function fromStore(items) {
      var pairs = [], at = start, seen = {};
      while (nodes[at] && nodes[at].answers && items[at] && items[at].answer && !seen[at]) {
        seen[at] = 1;
        pairs.push([at, items[at].answer]);
        at = (nodes[at].answers[items[at].answer] || {}).next;
      }
      return walk(pairs);
    }
    function fragment() {
      return t.id + "--" + node + path.map(function (p) { return "/" + p[0] + "." + p[1]; }).join("");
    }

    function go(newPath, newNode, focus, quiet) {
      path = newPath;
      node = newNode;
      if (!quiet) {
        var items = {};
        path.forEach(function (p) { items[p[0]] = { answer: p[1], text: nodes[p[0]].answers[p[1]].label }; });
        t.setAll(items);
        history.replaceState(history.state, "", "#" + fragment());
      }
      draw();
      if (focus) {
        live.textContent = step.textContent + ": " + nodes[node].text;
        step.focus();
      }
    }
    function draw() {
      var n = nodes[node];
      body.textContent = "";
      choices.textContent = "";
      trail.textContent = "";
      back.disabled = !path.length;
      if (n.outcome) {
        step.textContent = "Outcome";
        Array.prototype.forEach.call(n.outcome.children, function (c) { body.appendChild(c.cloneNode(true)); });
        body.querySelectorAll("[id]").forEach(function (c) { c.removeAttribute("id"); });
        app.classList.add("tk-flow-done");
      } else {
        step.textContent = "Question " + n.number;
        Array.prototype.forEach.call(n.q.querySelectorAll(":scope > .tk-flow-text, :scope > .tk-hint"), function (c) {
          body.appendChild(c.cloneNode(true));
        });
        body.querySelector(".tk-flow-text").id = t.id + "--asked";
        var chosen = memo[node];
        // Each button answers and moves on (not a toggle); the answer given before says so in
        // words and with a border, so it shows without colour and in forced-colours mode.
        Object.keys(n.answers).forEach(function (a) {
          var b = TK.button(n.answers[a].label, function () {
            memo[node] = a;
            go(path.concat([[node, a]]), n.answers[a].next, true);
          }, "tk-choice" + (a === chosen ? " tk-chosen" : ""));
          if (a === chosen) b.appendChild(el("span", "tk-chosen-note", " (your answer before)"));
          // Named as what it does, the words seen first: "Yes: go to question 3", "No: see the outcome".
          var next = nodes[n.answers[a].next];
          b.setAttribute("aria-label", b.textContent + (next.outcome ? ": see the outcome" : ": go to question " + next.number));
          choices.appendChild(b);
        });
        app.classList.remove("tk-flow-done");
      }
      if (!path.length) {
        if (node !== start) trail.appendChild(el("p", null, "You opened this step from a link, so there are no earlier answers to show."));
        return;
      }
      trail.appendChild(el("p", "tk-flow-path-title", n.outcome ? "How you got here" : "Your answers so far"));
      var ol = el("ol");
      path.forEach(function (p, i) {
        var li = el("li");
        li.appendChild(el("span", "tk-flow-q", nodes[p[0]].text));
        li.appendChild(document.createTextNode(" \u2192 "));
        li.appendChild(el("strong", null, nodes[p[0]].answers[p[1]].label));
        li.appendChild(document.createTextNode(" "));
        var c = TK.button("Change answer", function () { go(path.slice(0, i), p[0], true); }, "tk-change");
        c.setAttribute("aria-label", "Change your answer to: " + nodes[p[0]].text);
        li.appendChild(c);
        ol.appendChild(li);
      });
      trail.appendChild(ol);
    }

    var flow = {
      t: t,
      hash: function () {
        var f = fromFragment();
        if (f) {
          f.path.forEach(function (p) { memo[p[0]] = p[1]; });
          go(f.path, f.node, true, true);
        }
      },
      show: function (items) {
        Object.keys(items).forEach(function (k) { if (items[k].answer) memo[k] = items[k].answer; });
        var f = fromFragment() || fromStore(items);
        f.path.forEach(function (p) { memo[p[0]] = p[1]; });
        go(f.path, f.node, false, true);
      },
      busy: function () { return true; },
      text: function (md) {
        var out = [(md ? "## " : "") + "Your answers", ""];
        path.forEach(function (p, i) {
          out.push((md ? i + 1 + ". " : i + 1 + ") ") + nodes[p[0]].text + " \u2192 " + nodes[p[0]].answers[p[1]].label);
        });
        if (!path.length) out.push("(no answers yet)");
        if (nodes[node].outcome) out.push("", (md ? "## Outcome: " : "Outcome: ") + nodes[node].text, "", TK.txt(nodes[node].outcome).slice(nodes[node].text.length).trim());
        else out.push("", "Next question: " + nodes[node].text);
        return out;
      }
    };
    flows.push(flow);
    return flow;
  });
  if (!fresh) return; // run again by instant navigation

  window.addEventListener("hashchange", function () {
    flows = flows.filter(function (f) { return document.documentElement.contains(f.t.root); });
    flows.forEach(function (f) { f.hash(); });
  });
})();
