// The comment form: remembers the reader's name, e-mail and URL in this browser when they
// ask (nothing is stored on the server for that), turns "Reply" links into a reply to that
// comment, and notes when the page was opened (robots post faster than people type).
(function () {
  "use strict";
  var form = document.querySelector("[data-comment-form]");
  if (!form) { return; }
  form.querySelector("[data-started]").value = String(Math.floor(Date.now() / 1000));
  var key = "tsuzuri-commenter";
  var fields = ["author", "email", "url"];
  var remember = form.querySelector("[data-remember]");
  try {
    var saved = JSON.parse(window.localStorage.getItem(key) || "null");
    if (saved && remember) {
      fields.forEach(function (f) {
        if (form.elements[f] && !form.elements[f].value) { form.elements[f].value = saved[f] || ""; }
      });
      remember.checked = true;
    }
  } catch (e) { /* storage may be off; the form still works */ }
  form.addEventListener("submit", function () {
    if (!remember) { return; }
    try {
      if (remember.checked) {
        var data = {};
        fields.forEach(function (f) { data[f] = form.elements[f] ? form.elements[f].value : ""; });
        window.localStorage.setItem(key, JSON.stringify(data));
      } else {
        window.localStorage.removeItem(key);
      }
    } catch (e) { /* ignore */ }
  });
  var parent = form.querySelector("[data-parent]");
  var replying = form.querySelector("[data-replying]");
  document.addEventListener("click", function (e) {
    var link = e.target.closest("[data-reply-to]");
    if (link) {
      e.preventDefault();
      parent.value = link.dataset.replyTo;
      replying.querySelector("[data-replying-to]").textContent = link.dataset.replyName || "";
      replying.hidden = false;
      form.elements.body.focus();
    } else if (e.target.closest("[data-cancel-reply]")) {
      parent.value = "";
      replying.hidden = true;
    }
  });
})();
