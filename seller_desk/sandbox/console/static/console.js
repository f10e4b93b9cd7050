// The trainer console's only script (shipped with the platform; no CDN).
// Forms with data-confirm ask first; the progress board reloads its rows every 5 seconds.
(function () {
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { ev.preventDefault(); }
    });
  });
  var board = document.getElementById("board");
  if (board) {
    var url = board.getAttribute("data-poll");
    var poll = function () {
      fetch(url, {credentials: "same-origin", headers: {"Accept": "text/html"}})
        .then(function (r) { if (r.status === 401) { window.location = "/login"; } return r.ok ? r.text() : null; })
        .then(function (html) { if (html !== null) { board.innerHTML = html; board.dataset.polled = String(Date.now()); } })
        .catch(function () { /* the next poll tries again */ })
        .finally(function () { window.setTimeout(poll, 5000); });
    };
    window.setTimeout(poll, 5000);
  }
})();
