/* Core, part 4: the in-page confirm dialog. Adds ask(). */
/** An in-page question (not window.confirm, which locked-down browsers may block): `lines` (the
    first names it), then `yes` or Cancel, which says `none`. Focus goes to Cancel (the safe
    choice: a double Enter changes nothing) and Tab stays inside until it closes; Escape closes
    it from anywhere. Then focus goes back to where it was. `danger`: `yes` destroys answers,
    and looks it. */
function ask(bar, lines, yes, none, onYes, danger) {
  var box = el("div", "tk-ask admonition question"), old = bar.querySelector(".tk-ask"), from = document.activeElement;
  if (old) old.remove();
  box.setAttribute("role", "alertdialog");
  box.setAttribute("aria-modal", "true");
  box.setAttribute("aria-label", lines[0]);
  lines.forEach(function (l) { box.appendChild(el("p", null, l)); });
  var ok = box.appendChild(TK.button(yes, function () { close(onYes); }, danger ? "tk-btn--danger" : "")),
    cancel = box.appendChild(TK.button("Cancel", function () { close(no); }));
  function key(e) {
    if (!box.isConnected) return document.removeEventListener("keydown", key, true); // replaced or gone
    if (e.key === "Escape") close(no);
    else if (e.key === "Tab") { // keep focus on the two buttons
      e.preventDefault();
      (document.activeElement === ok ? cancel : ok).focus();
    }
  }
  function close(then) {
    document.removeEventListener("keydown", key, true);
    if (!box.isConnected) return;
    box.remove();
    if (from && from.isConnected) from.focus();
    then();
  }
  function no() { say(bar, none); }
  document.addEventListener("keydown", key, true);
  bar.appendChild(box);
  cancel.focus();
}
