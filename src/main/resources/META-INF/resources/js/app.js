// Progressive enhancement only: every page works without this file.
// Adds a "Copy" button to command blocks when the browser offers the clipboard API.
(function () {
  "use strict";
  if (!navigator.clipboard || !document.querySelectorAll) {
    return;
  }
  document.querySelectorAll("pre > code").forEach(function (code) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy command: " + code.textContent);
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(code.textContent).then(function () {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = "Copy"; }, 1500);
      });
    });
    code.parentNode.appendChild(button);
  });
})();
