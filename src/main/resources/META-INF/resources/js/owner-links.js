// On a port or service page, the signed-in Assignee or Contact of a service sees the ways to
// change it (modify, add a transport, de-assign), each opening the request form prefilled. The
// page is the same for everyone; the server says whose the service is.
(function () {
  "use strict";
  if (!window.fetch) {
    return;
  }
  var seen = {};
  document.querySelectorAll("[data-owner-service]").forEach(function (box) {
    var name = box.getAttribute("data-owner-service");
    if (seen[name.toLowerCase()]) {
      return; // the service's other entries: its links once
    }
    seen[name.toLowerCase()] = true;
    fetch("/requests/changes-for?service=" + encodeURIComponent(name), {
      credentials: "same-origin",
      redirect: "error",
      headers: { "Accept": "application/json" }
    }).then(function (r) {
      return r.ok ? r.json() : [];
    }).then(function (links) {
      if (!links || !links.length) {
        return;
      }
      var title = document.createElement("p");
      title.className = "owner-links-title";
      title.textContent = "You hold " + name + ":";
      var list = document.createElement("ul");
      links.forEach(function (l) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = l.href;
        a.textContent = l.label;
        a.setAttribute("data-kind", l.kind);
        li.appendChild(a);
        list.appendChild(li);
      });
      box.appendChild(title);
      box.appendChild(list);
      box.hidden = false;
    }).catch(function () {
      // Not signed in, or offline: no links.
    });
  });
})();
