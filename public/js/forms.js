// The account pages' forms, on top of site.js; they work the same without it.
(function () {
  "use strict";

  // A button beside each password field that shows what was typed, and hides it again.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll('input[type="password"]').forEach(function (input) {
      // Moving the field takes its focus away (site.js puts it on the first field with an error).
      var focused = document.activeElement === input;
      var box = document.createElement("span");
      box.className = "password-box";
      input.replaceWith(box);
      box.append(input);
      if (focused) input.focus();
      var button = document.createElement("button");
      button.type = "button";
      button.className = "password-toggle";
      button.setAttribute("aria-label", "Show password");
      button.setAttribute("aria-pressed", "false");
      button.setAttribute("aria-controls", input.id);
      button.addEventListener("click", function () {
        var shown = input.type === "password";
        input.type = shown ? "text" : "password";
        button.setAttribute("aria-pressed", String(shown));
      });
      box.append(button);
    });
  });
})();
