// Progressive enhancement of the request form; the form works the same without this file.
// As one types, it asks the server for the assessment of the form as it stands (the same
// rules as the Check button, nothing saved) and swaps in the panel, the track choice and
// which fields the kind, port and transports need. A suggested free port fills the form.
(function () {
  "use strict";
  var form = document.getElementById("request-form");
  var box = document.getElementById("assessment-box");
  if (!form || !box || !window.fetch || !window.URLSearchParams || !window.FormData || !window.DOMParser) {
    return;
  }
  var timer = null;
  var latest = 0;

  function show(visible) {
    var shown = {};
    visible.split(" ").forEach(function (g) { if (g) { shown[g] = true; } });
    form.querySelectorAll("[data-group]").forEach(function (el) {
      el.hidden = !shown[el.getAttribute("data-group")];
    });
    form.querySelectorAll("[data-groups]").forEach(function (el) {
      el.hidden = !el.getAttribute("data-groups").split(" ").some(function (g) { return shown[g]; });
    });
  }

  function check() {
    var mine = ++latest;
    form.setAttribute("aria-busy", "true");
    fetch("/requests/assessment", {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      credentials: "same-origin",
      headers: { "Accept": "text/html" }
    }).then(function (r) {
      return r.ok ? r.text() : null;
    }).then(function (html) {
      if (html === null || mine !== latest) {
        return;
      }
      var doc = new DOMParser().parseFromString(html, "text/html");
      var fresh = doc.getElementById("assessment-box");
      if (fresh) {
        box.innerHTML = fresh.innerHTML;
        show(fresh.getAttribute("data-visible") || "");
      }
      var track = doc.getElementById("f-track");
      var old = document.getElementById("f-track");
      if (track && old && !old.contains(document.activeElement)) {
        old.replaceWith(track);
      }
    }).catch(function () {
      // Offline or refused: the Check button still works.
    }).then(function () {
      if (mine === latest) {
        form.removeAttribute("aria-busy");
      }
    });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  }

  form.addEventListener("input", later);
  form.addEventListener("change", later);
  box.addEventListener("click", function (ev) {
    var button = ev.target.closest ? ev.target.closest("button[name=usePort]") : null;
    var port = document.getElementById("f-port");
    if (!button || !port) {
      return;
    }
    ev.preventDefault();
    port.value = button.value;
    var specific = form.querySelector("input[name=portChoice][value=port]");
    if (specific) {
      specific.checked = true;
    }
    port.focus();
    clearTimeout(timer);
    check();
  });
})();
