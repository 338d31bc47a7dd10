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

// The editor's media panel: insert a file from the library at the cursor, or upload one
// and insert it. Without script the panel still lists the files and links to the library.
// Its messages come from the page in the reader's language, as data-msg-* attributes of
// the panel (data-msg-uploading…); the English here is only for a page without them.
(function () {
  "use strict";
  var panel = document.getElementById("media-panel");
  if (!panel) { return; }
  function msg(key, fallback) {
    var text = panel.dataset[key];
    return text ? text : fallback;
  }
  var form = panel.closest("form");
  var lastText = document.getElementById("body");
  ["body", "more"].forEach(function (id) {
    var el = document.getElementById(id);
    if (el) { el.addEventListener("focus", function () { lastText = el; }); }
  });
  function snippetOf(button) {
    var format = document.getElementById("text_format");
    return format && format.value === "markdown" ? button.dataset.markdown : button.dataset.html;
  }
  function insert(text) {
    var ta = lastText;
    var start = ta.selectionStart, end = ta.selectionEnd;
    var before = ta.value.slice(0, start), after = ta.value.slice(end);
    // A picture is a block of its own: blank lines around it, or Markdown would make it part
    // of the paragraph or table it follows.
    var lead = !before ? "" : /\n\n$/.test(before) ? "" : /\n$/.test(before) ? "\n" : "\n\n";
    var trail = !after ? "\n" : /^\n\n/.test(after) ? "" : /^\n/.test(after) ? "\n" : "\n\n";
    var block = lead + text + trail;
    ta.value = before + block + after;
    ta.selectionStart = ta.selectionEnd = start + block.length;
    ta.focus();
  }
  panel.addEventListener("click", function (e) {
    var button = e.target.closest("button.insert-media");
    if (button) { insert(snippetOf(button)); }
  });
  panel.querySelectorAll("[data-needs-script]").forEach(function (el) { el.hidden = false; });
  var upload = document.getElementById("media-upload");
  var status = document.getElementById("media-status");
  upload.addEventListener("click", function () {
    var file = document.getElementById("media-file");
    if (!file.files.length) { status.textContent = msg("msgChooseFile", "Choose a file first."); file.focus(); return; }
    var data = new FormData();
    data.append("csrf", form.elements.csrf.value);
    data.append("alt", document.getElementById("media-alt").value);
    data.append("file", file.files[0]);
    upload.disabled = true;
    status.textContent = msg("msgUploading", "Uploading…");
    fetch(panel.dataset.uploadUrl, { method: "POST", body: data, headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (res) { return res.json().then(function (body) { return { ok: res.ok, body: body }; }); })
      .then(function (r) {
        if (!r.ok) { status.textContent = r.body.error || msg("msgUploadFailed", "The upload failed."); return; }
        r.body.files.forEach(function (m) {
          var li = document.createElement("li");
          var button = document.createElement("button");
          button.type = "button";
          button.className = "insert-media";
          button.dataset.markdown = m.markdown;
          button.dataset.html = m.html;
          if (m.preview_url) {
            var img = document.createElement("img");
            img.src = m.preview_url;
            img.alt = "";
            button.appendChild(img);
          }
          var label = document.createElement("span");
          // data-msg-insert holds "{name}" where the file's name goes.
          label.textContent = msg("msgInsert", "Insert {name}").split("{name}").join(m.name);
          button.appendChild(label);
          li.appendChild(button);
          document.getElementById("media-picks").prepend(li);
          insert(snippetOf(button));
        });
        status.textContent = msg("msgUploaded", "Uploaded and inserted.");
        file.value = "";
      })
      .catch(function () { status.textContent = msg("msgConnectionFailed", "The upload failed; check the connection and try again."); })
      .then(function () { upload.disabled = false; });
  });
})();

// Forms that destroy something ask first.
document.addEventListener("submit", function (e) {
  var message = e.target.dataset && e.target.dataset.confirm;
  if (message && !window.confirm(message)) { e.preventDefault(); }
});

// The moderation queue: one box ticks or clears every item on the page.
(function () {
  "use strict";
  var all = document.querySelector("[data-select-all]");
  if (!all) { return; }
  all.closest("[data-needs-script]").hidden = false;
  var boxes = function () { return document.querySelectorAll(".comment-queue input[name=ids]"); };
  all.addEventListener("change", function () {
    boxes().forEach(function (b) { b.checked = all.checked; });
  });
})();
