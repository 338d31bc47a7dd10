// Japanese input: pressing Enter to confirm an IME conversion must never submit a form.
// Some browsers (Safari) deliver that Enter as an ordinary keydown right after the
// composition ends, so the form would be sent with half-typed text.
(function () {
  "use strict";
  var composing = false;
  var justComposed = false;
  document.addEventListener("compositionstart", function () { composing = true; }, true);
  document.addEventListener("compositionend", function () {
    composing = false;
    justComposed = true;
    setTimeout(function () { justComposed = false; }, 0);
  }, true);
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Enter" || !(e.target instanceof HTMLInputElement)) { return; }
    if (e.isComposing || e.keyCode === 229 || composing || justComposed) {
      e.preventDefault();
    }
  }, true);
})();
