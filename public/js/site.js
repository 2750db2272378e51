// Progressive enhancements only: every page works the same without this file.
(function () {
  "use strict";

  // Put keyboard and screen-reader users straight on the first field that needs fixing.
  function focusFirstError() {
    var invalid = document.querySelector('[aria-invalid="true"]');
    if (invalid) invalid.focus();
  }

  // A live count of characters left; counts code points like the server, so an emoji is one.
  function attachCounter(textarea) {
    var max = Number(textarea.getAttribute("data-max-length"));
    var output = document.getElementById(textarea.id + "-count");
    if (!max || !output) return;
    output.setAttribute("aria-live", "polite");
    function update() {
      var left = max - Array.from(textarea.value.trim()).length;
      output.textContent = left >= 0 ? left + " characters left" : -left + " characters too many";
      output.classList.toggle("char-count--over", left < 0);
    }
    textarea.addEventListener("input", update);
    update();
  }

  // Times arrive in UTC; show them in the reader's own time zone.
  function localiseTimes() {
    var format = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
    document.querySelectorAll(".post-meta time[datetime]").forEach(function (el) {
      var date = new Date(el.getAttribute("datetime"));
      if (!isNaN(date.getTime())) el.textContent = format.format(date);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-max-length]").forEach(attachCounter);
    localiseTimes();
    focusFirstError();
  });
})();
