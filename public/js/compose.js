// The pages with a box to write in (a post, a reply, a message, about me), on top of site.js; they
// work the same without it.
(function () {
  "use strict";

  function characters(n) {
    return n === 1 ? "1 character" : n + " characters";
  }

  // A live count of characters left; counts code points like the server, so an emoji is one. One
  // problem gets one message: while the server's error is shown beside the field, the count does
  // not say "too many" as well; once the text is edited, the error is stale and the count speaks.
  // Past the limit it shows "−3" and tells a screen reader "3 characters too many". The form's
  // button waits while the text is empty or too long (the server still refuses either).
  function attachCounter(textarea) {
    var max = Number(textarea.getAttribute("data-max-length"));
    var output = document.getElementById(textarea.id + "-count");
    var error = document.getElementById(textarea.id + "-error");
    var send = textarea.form && textarea.form.querySelector("button:not([type=button]):not([formaction])");
    if (!max || !output) return;
    output.setAttribute("aria-live", "polite");
    function update() {
      var length = Array.from(textarea.value.trim()).length;
      var left = max - length;
      output.textContent = "";
      if (left >= 0) output.textContent = characters(left) + " left";
      else if (!error) {
        var short = document.createElement("span");
        short.setAttribute("aria-hidden", "true");
        short.textContent = "\u2212" + -left;
        var words = document.createElement("span");
        words.className = "visually-hidden";
        words.textContent = characters(-left) + " too many";
        output.append(short, words);
      }
      output.classList.toggle("char-count--over", left < 0);
      if (send && !textarea.disabled) send.disabled = (length === 0 && !textarea.hasAttribute("data-optional")) || left < 0;
    }
    textarea.addEventListener("input", function () {
      if (error) {
        error.remove();
        error = null;
        textarea.removeAttribute("aria-invalid");
        textarea.setAttribute("aria-describedby", output.id);
      }
      update();
    });
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-max-length]").forEach(attachCounter);
  });
})();
